// Where a JSON pointer sits in a spec's text: the line of the pointer's key (or of an array element's
// start). The scan is tolerant: on broken JSON it keeps what it found before the break, and a pointer it
// cannot place falls back to its nearest placed parent.

function escapeSegment(key) {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Maps each JSON pointer of `text` to the 1-based line of its key (objects) or value start (arrays). */
export function pointerLines(text) {
  const lines = new Map([['', 1]]);
  let i = 0;
  let line = 1;
  const stop = {};
  const space = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        line += 1;
        i += 1;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i += 1;
      } else {
        break;
      }
    }
  };
  const string = () => {
    let out = '';
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') throw stop;
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0);
          i += 6;
        } else {
          out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[e] ?? e;
          i += 2;
        }
        continue;
      }
      out += text[i];
      i += 1;
    }
    if (i >= text.length) throw stop;
    i += 1;
    return out;
  };
  const value = (pointer) => {
    space();
    if (i >= text.length) throw stop;
    const c = text[i];
    if (c === '{') {
      i += 1;
      space();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') throw stop;
        const keyLine = line;
        const child = `${pointer}/${escapeSegment(string())}`;
        if (!lines.has(child)) lines.set(child, keyLine);
        space();
        if (text[i] !== ':') throw stop;
        i += 1;
        value(child);
        space();
        if (text[i] === ',') {
          i += 1;
        } else if (text[i] === '}') {
          i += 1;
          return;
        } else {
          throw stop;
        }
      }
    } else if (c === '[') {
      i += 1;
      space();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (let n = 0; ; n += 1) {
        space();
        const child = `${pointer}/${n}`;
        if (!lines.has(child)) lines.set(child, line);
        value(child);
        space();
        if (text[i] === ',') {
          i += 1;
        } else if (text[i] === ']') {
          i += 1;
          return;
        } else {
          throw stop;
        }
      }
    } else if (c === '"') {
      string();
    } else {
      const start = i;
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i += 1;
      if (i === start) throw stop;
    }
  };
  try {
    value('');
  } catch (e) {
    if (e !== stop) throw e;
  }
  return lines;
}

/**
 * The line of a problem: the line its message names when the JSON reader stopped there ("line 4,
 * column 4"), else its pointer's line, or its nearest placed parent's.
 */
export function lineOf(problem, lines, lineCount) {
  const pointer = problem.pointer ?? '';
  // a reader's refusal names where it stopped: "(line 4, column 4)", "line: 3, column: 7"
  const named = /line:?\s*(\d+),\s*column/i.exec(problem.message || '');
  if (named) return Math.min(Math.max(1, Number(named[1])), lineCount);
  if (pointer === '') return 1;
  let p = pointer;
  while (p !== '') {
    if (lines.has(p)) return lines.get(p);
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return 1;
}
