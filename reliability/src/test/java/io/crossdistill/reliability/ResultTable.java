package io.crossdistill.reliability;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table of what was tried and what held, printed to standard output and returned as text. */
final class ResultTable {

  private final String title;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  ResultTable(String title, String... header) {
    this.title = title;
    this.header = List.of(header);
  }

  ResultTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  String render() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder(title).append('\n');
    appendRow(out, header, widths);
    int total = 0;
    for (int width : widths) {
      total += width + 2;
    }
    out.append("-".repeat(Math.max(0, total - 2))).append('\n');
    rows.forEach(row -> appendRow(out, row, widths));
    return out.toString();
  }

  /** Prints the table (surefire keeps it in the test's output) and returns it. */
  String print() {
    String text = render();
    System.out.println();
    System.out.print(text);
    return text;
  }

  private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String cell = row.get(c);
      out.append(cell);
      if (c < widths.length - 1) {
        out.append(" ".repeat(widths[c] - cell.length() + 2));
      }
    }
    out.append('\n');
  }
}
