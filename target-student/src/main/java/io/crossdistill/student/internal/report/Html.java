package io.crossdistill.student.internal.report;

/**
 * A small writer of well-formed HTML5 that a strict XML parser also reads: every text and attribute is
 * escaped with the five XML entities only, and void elements are self-closed.
 */
final class Html {

  private final StringBuilder out = new StringBuilder();

  /** Text with &amp;, &lt;, &gt;, " and ' escaped. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> {
          // characters XML 1.0 forbids are dropped rather than breaking the document
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }

  /** Appends markup as is; only for constant strings. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends escaped text. */
  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** {@code <tag>text</tag>}, the text escaped. */
  Html element(String tag, String text) {
    return raw("<" + tag + ">").text(text).raw("</" + tag + ">");
  }

  /** {@code <tag class="...">text</tag>}. */
  Html element(String tag, String cssClass, String text) {
    return raw("<" + tag + " class=\"" + escape(cssClass) + "\">").text(text).raw("</" + tag + ">");
  }

  /** A table row of escaped cells. */
  Html row(String cellTag, String... cells) {
    raw("<tr>");
    for (String cell : cells) {
      element(cellTag, cell);
    }
    return raw("</tr>\n");
  }

  /** An embedded chart with its alternative text. */
  Html figure(ChartImage image) {
    return raw("<figure><img src=\"" + escape(image.dataUri()) + "\" alt=\"" + escape(image.alt()) + "\" width=\""
        + ChartImage.WIDTH + "\" height=\"" + ChartImage.HEIGHT + "\"/></figure>\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
