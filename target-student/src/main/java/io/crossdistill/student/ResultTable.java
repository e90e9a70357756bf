package io.crossdistill.student;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A side-by-side table of evaluation results: one row per (task, metric), one column per model
 * (e.g. teacher zero-shot, control, distilled). A cell holds the values of several seeds and prints
 * as a mean, or mean ± standard deviation when there are several.
 */
public final class ResultTable {

  private final List<String> columns;
  private final Map<String, Map<String, List<Double>>> cells = new LinkedHashMap<>();

  public ResultTable(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Records one value (one seed) of {@code metric} for {@code column}; NaN means "not applicable". */
  public void add(String rowName, String column, double value) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException("unknown column " + column + ", expected one of " + columns);
    }
    cells.computeIfAbsent(rowName, r -> new LinkedHashMap<>())
        .computeIfAbsent(column, c -> new ArrayList<>())
        .add(value);
  }

  /** Mean of a cell (NaN when empty or not applicable). */
  public double mean(String rowName, String column) {
    List<Double> values = values(rowName, column);
    return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample standard deviation of a cell (0 for one value, NaN when empty). */
  public double std(String rowName, String column) {
    List<Double> values = values(rowName, column);
    if (values.isEmpty()) {
      return Double.NaN;
    }
    if (values.size() == 1) {
      return 0;
    }
    double mean = mean(rowName, column);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.size() - 1));
  }

  public List<String> rows() {
    return List.copyOf(cells.keySet());
  }

  public List<String> columns() {
    return columns;
  }

  private List<Double> values(String rowName, String column) {
    return cells.getOrDefault(rowName, Map.of()).getOrDefault(column, List.of()).stream()
        .filter(v -> !v.isNaN()).toList();
  }

  /** The table as aligned plain text. */
  public String render() {
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[columns.size() + 1];
    header[0] = "task / metric";
    for (int i = 0; i < columns.size(); i++) {
      header[i + 1] = columns.get(i);
    }
    lines.add(header);
    for (String row : cells.keySet()) {
      String[] line = new String[columns.size() + 1];
      line[0] = row;
      for (int i = 0; i < columns.size(); i++) {
        line[i + 1] = format(row, columns.get(i));
      }
      lines.add(line);
    }
    int[] widths = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      String[] line = lines.get(l);
      for (int i = 0; i < line.length; i++) {
        String cell = i == 0 ? pad(line[i], widths[i]) : padLeft(line[i], widths[i]);
        out.append(i == 0 ? "" : "  ").append(cell);
      }
      out.append('\n');
      if (l == 0) {
        int total = 0;
        for (int w : widths) {
          total += w + 2;
        }
        out.append("-".repeat(total - 2)).append('\n');
      }
    }
    return out.toString();
  }

  private String format(String row, String column) {
    List<Double> values = values(row, column);
    if (values.isEmpty()) {
      return "-";
    }
    if (values.size() == 1) {
      return String.format(Locale.ROOT, "%.4f", values.get(0));
    }
    return String.format(Locale.ROOT, "%.4f ± %.4f", mean(row, column), std(row, column));
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
