// Inline SVG plots for the console: histograms over a teacher's bins (mapped over the teacher's), small
// histograms of teacher inputs, and calibration curves. Each plot has a <title> and a <desc> for screen
// readers, axis labels with units and ticks. The plots place the API's numbers; they compute no metric.

const SVG = 'http://www.w3.org/2000/svg';
let plotCount = 0;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The root <svg> with its accessible name and description. */
function root(width, height, title, desc, className) {
  const id = `plot-${++plotCount}`;
  return svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: `plot ${className}`,
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet',
  }, svg('title', { id: `${id}-title` }, title), svg('desc', { id: `${id}-desc` }, desc));
}

/** A bin edge as a tick label: finite numbers shortened, open ends as ±∞. */
export function edgeLabel(value) {
  if (value === null || value === undefined || value === '-Infinity' || value === -Infinity) return '−∞';
  if (value === 'Infinity' || value === Infinity) return '+∞';
  if (typeof value !== 'number') return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.01 || abs >= 1e5)) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

function percentLabel(fraction) {
  return `${Number((fraction * 100).toPrecision(3))}\u00a0%`;
}

/** Tick values over [0, top] for a fraction axis: 0, and 2–4 round steps. */
function fractionTicks(top) {
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
  const step = steps.find((s) => top / s <= 4) || 1;
  const ticks = [];
  for (let t = 0; t <= top + 1e-9; t += step) ticks.push(Number(t.toFixed(4)));
  return ticks;
}

/**
 * A histogram over given bins, drawn with equal-width bins (the bins PSI compares; their edges label the
 * x axis). series: [{label, fractions, kind: 'bars'|'steps', className}]. Bars for the reference
 * (teacher), steps for the compared distribution (mapped), each in the legend.
 */
export function histogram({ edges, series, title, xLabel, yLabel = 'share of records (%)', width = 440, height = 240 }) {
  const n = Math.max(...series.map((s) => s.fractions.length));
  const margin = { left: 52, right: 12, top: 30, bottom: 52 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const max = Math.max(0.01, ...series.flatMap((s) => s.fractions.map((f) => (Number.isFinite(f) ? f : 0))));
  const ticks = fractionTicks(max);
  const top = ticks[ticks.length - 1] < max ? max : ticks[ticks.length - 1];
  const x = (i) => margin.left + (i / n) * w;
  const y = (f) => margin.top + h - (f / top) * h;
  const desc = series.map((s) => `${s.label}: ` + s.fractions.map((f, i) =>
    `bin ${edgeLabel(edges[i])} to ${edgeLabel(edges[i + 1])}: ${percentLabel(f)}`).join('; ')).join('. ');
  const plot = root(width, height, title, `${xLabel} on the x axis in ${n} bins; ${yLabel} on the y axis. ${desc}`,
    'histogram');

  const grid = svg('g', { class: 'axis y' });
  for (const t of ticks) {
    grid.append(svg('line', { x1: margin.left, x2: margin.left + w, y1: y(t), y2: y(t), class: 'grid' }));
    grid.append(svg('text', { x: margin.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, percentLabel(t)));
  }
  plot.append(grid);

  for (const s of series) {
    const g = svg('g', { class: `series ${s.className || ''}` });
    if (s.kind === 'steps') {
      let d = '';
      s.fractions.forEach((f, i) => {
        d += `${i === 0 ? 'M' : 'L'}${x(i)},${y(f)} L${x(i + 1)},${y(f)} `;
      });
      g.append(svg('path', { d, class: 'steps' }));
    } else {
      s.fractions.forEach((f, i) => {
        const bar = svg('rect', { x: x(i) + 1, y: y(f), width: Math.max(1, w / n - 2), height: Math.max(0, y(0) - y(f)),
          class: 'bar' });
        bar.append(svg('title', {}, `${s.label}, ${edgeLabel(edges[i])} to ${edgeLabel(edges[i + 1])}: ${percentLabel(f)}`));
        g.append(bar);
      });
    }
    plot.append(g);
  }

  const axis = svg('g', { class: 'axis x' });
  axis.append(svg('line', { x1: margin.left, x2: margin.left + w, y1: y(0), y2: y(0), class: 'baseline' }));
  const stride = Math.max(1, Math.ceil(40 / (w / n)));
  for (let i = 0; i <= n; i += 1) {
    axis.append(svg('line', { x1: x(i), x2: x(i), y1: y(0), y2: y(0) + 4, class: 'tick' }));
    if (i % stride === 0 || i === n) {
      axis.append(svg('text', { x: x(i), y: y(0) + 16, 'text-anchor': 'middle' }, edgeLabel(edges[i])));
    }
  }
  axis.append(svg('text', { x: margin.left + w / 2, y: height - 8, 'text-anchor': 'middle', class: 'label' },
    `${xLabel} (bin edges)`));
  axis.append(svg('text', { x: 12, y: margin.top + h / 2, transform: `rotate(-90 12 ${margin.top + h / 2})`,
    'text-anchor': 'middle', class: 'label' }, yLabel));
  plot.append(axis);
  plot.append(legend(series.map((s) => ({ label: s.label, kind: s.kind === 'steps' ? 'line' : 'box', className: s.className })),
    margin.left, 14));
  return plot;
}

function legend(items, x0, y0) {
  const g = svg('g', { class: 'legend' });
  let x = x0;
  for (const item of items) {
    const key = item.kind === 'line'
      ? svg('line', { x1: x, x2: x + 18, y1: y0, y2: y0, class: `key line ${item.className || ''}` })
      : item.kind === 'point'
        ? svg('g', {}, svg('line', { x1: x, x2: x + 18, y1: y0, y2: y0, class: `key line ${item.className || ''}` }),
          marker(item.shape, x + 9, y0, item.className))
        : svg('rect', { x, y: y0 - 6, width: 18, height: 10, class: `key box ${item.className || ''}` });
    g.append(key);
    g.append(svg('text', { x: x + 22, y: y0 + 4 }, item.label));
    x += 30 + item.label.length * 6.4;
  }
  return g;
}

function marker(shape, cx, cy, className) {
  return shape === 'square'
    ? svg('rect', { x: cx - 3.5, y: cy - 3.5, width: 7, height: 7, class: `marker ${className || ''}` })
    : svg('circle', { cx, cy, r: 3.8, class: `marker ${className || ''}` });
}

/**
 * A small histogram of a teacher input's training distribution over its value axis: each bin spans its
 * edges (quantile bins; the outer ones run from the training min and max) and its bar's area is the bin's
 * share of training rows, so narrow crowded bins stand tall. The share of each bin is in its tooltip.
 */
export function sparkline({ edges, fractions, name }) {
  const width = 210;
  const height = 76;
  const margin = { left: 16, right: 10, top: 6, bottom: 24 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const n = fractions.length;
  const finite = edges.every((e) => typeof e === 'number' && Number.isFinite(e)) && edges[n] > edges[0];
  const lo = finite ? edges[0] : 0;
  const span = finite ? edges[n] - edges[0] : n;
  const x = (i) => margin.left + ((finite ? edges[i] : i) - lo) / span * w;
  const heights = fractions.map((f, i) => f / Math.max(1e-12, x(i + 1) - x(i)));
  const top = Math.max(1e-12, ...heights);
  const plot = root(width, height, `Training histogram of ${name}`,
    `${n} bins of ${name} from ${edgeLabel(edges[0])} to ${edgeLabel(edges[n])}, drawn so that each bar's area is its share of training rows: `
      + fractions.map((f, i) => `${edgeLabel(edges[i])} to ${edgeLabel(edges[i + 1])}: ${percentLabel(f)}`).join('; '),
    'sparkline');
  fractions.forEach((f, i) => {
    const barHeight = (heights[i] / top) * h;
    const bar = svg('rect', { x: x(i) + 0.25, y: margin.top + h - barHeight, width: Math.max(0.5, x(i + 1) - x(i) - 0.5),
      height: barHeight, class: 'bar' });
    bar.append(svg('title', {}, `${edgeLabel(edges[i])} to ${edgeLabel(edges[i + 1])}: ${percentLabel(f)} of training rows`));
    plot.append(bar);
  });
  plot.append(svg('line', { x1: margin.left, x2: margin.left + w, y1: margin.top + h, y2: margin.top + h, class: 'baseline' }));
  for (const i of [0, n]) {
    plot.append(svg('line', { x1: x(i), x2: x(i), y1: margin.top + h, y2: margin.top + h + 3, class: 'tick' }));
  }
  plot.append(svg('text', { x: 10, y: margin.top + h / 2, transform: `rotate(-90 10 ${margin.top + h / 2})`, 'text-anchor': 'middle',
    class: 'tick-label' }, 'density'));
  plot.append(svg('text', { x: margin.left, y: height - 10, 'text-anchor': 'start', class: 'tick-label' }, edgeLabel(edges[0])));
  plot.append(svg('text', { x: margin.left + w, y: height - 10, 'text-anchor': 'end', class: 'tick-label' }, edgeLabel(edges[n])));
  plot.append(svg('text', { x: margin.left + w / 2, y: height - 10, 'text-anchor': 'middle', class: 'tick-label' }, 'value'));
  return plot;
}

/**
 * A calibration curve: mean predicted probability against observed rate per bin, the diagonal for a
 * perfectly calibrated model, before the fit (circles, dashed) and after it (squares, solid).
 * curves: [{label, bins: [{lower, upper, count, meanPredicted, observedRate}], className, shape, dashed}].
 */
export function calibration({ curves, title, width = 360, height = 320 }) {
  const margin = { left: 52, right: 14, top: 34, bottom: 48 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const x = (p) => margin.left + p * w;
  const y = (p) => margin.top + h - p * h;
  const desc = curves.map((c) => `${c.label}: ` + (c.bins.length ? c.bins.map((b) =>
    `bin ${edgeLabel(b.lower)} to ${edgeLabel(b.upper)}, ${b.count} rows, predicted ${edgeLabel(b.meanPredicted)}, observed ${edgeLabel(b.observedRate)}`)
    .join('; ') : 'no bins')).join('. ');
  const plot = root(width, height, title,
    `Mean predicted probability on the x axis, observed rate of positives on the y axis, both from 0 to 1; the diagonal is perfect calibration. ${desc}`,
    'calibration');
  const grid = svg('g', { class: 'axis' });
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    grid.append(svg('line', { x1: x(0), x2: x(1), y1: y(t), y2: y(t), class: 'grid' }));
    grid.append(svg('line', { x1: x(t), x2: x(t), y1: y(0), y2: y(1), class: 'grid' }));
    grid.append(svg('text', { x: x(0) - 6, y: y(t) + 4, 'text-anchor': 'end' }, String(t)));
    grid.append(svg('text', { x: x(t), y: y(0) + 16, 'text-anchor': 'middle' }, String(t)));
  }
  grid.append(svg('line', { x1: x(0), x2: x(1), y1: y(0), y2: y(1), class: 'diagonal' }));
  grid.append(svg('text', { x: margin.left + w / 2, y: height - 8, 'text-anchor': 'middle', class: 'label' },
    'mean predicted probability (0–1)'));
  grid.append(svg('text', { x: 12, y: margin.top + h / 2, transform: `rotate(-90 12 ${margin.top + h / 2})`,
    'text-anchor': 'middle', class: 'label' }, 'observed rate of positives (0–1)'));
  plot.append(grid);
  for (const c of curves) {
    const g = svg('g', { class: `series ${c.className || ''}` });
    const points = c.bins.map((b) => [x(b.meanPredicted), y(b.observedRate)]);
    if (points.length > 1) {
      g.append(svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: `curve${c.dashed ? ' dashed' : ''}` }));
    }
    c.bins.forEach((b, i) => {
      const m = marker(c.shape, points[i][0], points[i][1], c.className);
      m.append(svg('title', {}, `${c.label}: bin ${edgeLabel(b.lower)}–${edgeLabel(b.upper)}, ${b.count} rows, `
        + `predicted ${edgeLabel(b.meanPredicted)}, observed ${edgeLabel(b.observedRate)}`));
      g.append(m);
    });
    plot.append(g);
  }
  plot.append(legend([...curves.map((c) => ({ label: c.label, kind: 'point', shape: c.shape, className: c.className })),
    { label: 'perfect', kind: 'line', className: 'diagonal' }], margin.left, 16));
  return plot;
}
