package io.crossdistill.student;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of vectors keyed by an id feature, looked up as student inputs: e.g. the teacher's
 * representation of each user, computed once offline and stored with the label set, so that serving
 * reads a table instead of calling the teacher. Ids the table does not hold get the default vector. The
 * vectors are standardised per dimension (mean and standard deviation over the table's entries) when
 * the table is built.
 */
public final class FeatureLookup {

  private final String idFeature;
  private final int dimension;
  private final Map<Long, float[]> vectors;
  private final float[] fallback;

  private FeatureLookup(String idFeature, int dimension, Map<Long, float[]> vectors, float[] fallback) {
    this.idFeature = idFeature;
    this.dimension = dimension;
    this.vectors = vectors;
    this.fallback = fallback;
  }

  /**
   * A standardised lookup over {@code vectors}; the default of an unknown id is the all-zero vector,
   * i.e. the entries' mean.
   *
   * @throws IllegalArgumentException when the table is empty or vectors differ in length or hold non-finite values
   */
  public static FeatureLookup standardised(String idFeature, Map<Long, float[]> vectors) {
    Objects.requireNonNull(idFeature, "idFeature");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("lookup '" + idFeature + "' has no entries");
    }
    int dim = vectors.values().iterator().next().length;
    double[] sum = new double[dim];
    double[] sumSq = new double[dim];
    for (Map.Entry<Long, float[]> e : vectors.entrySet()) {
      float[] v = e.getValue();
      if (v.length != dim) {
        throw new IllegalArgumentException("lookup '" + idFeature + "': id " + e.getKey() + " has " + v.length
            + " values, others " + dim);
      }
      for (int i = 0; i < dim; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException("lookup '" + idFeature + "': id " + e.getKey() + " value " + i + " is " + v[i]);
        }
        sum[i] += v[i];
        sumSq[i] += (double) v[i] * v[i];
      }
    }
    int n = vectors.size();
    float[] mean = new float[dim];
    float[] std = new float[dim];
    for (int i = 0; i < dim; i++) {
      double m = sum[i] / n;
      double var = Math.max(0, sumSq[i] / n - m * m);
      mean[i] = (float) m;
      std[i] = (float) (var > 1e-12 ? Math.sqrt(var) : 1);
    }
    Map<Long, float[]> scaled = new HashMap<>();
    vectors.forEach((id, v) -> {
      float[] s = new float[dim];
      for (int i = 0; i < dim; i++) {
        s[i] = (v[i] - mean[i]) / std[i];
      }
      scaled.put(id, s);
    });
    return new FeatureLookup(idFeature, dim, scaled, new float[dim]);
  }

  /** The id feature that keys the table. */
  public String idFeature() {
    return idFeature;
  }

  /** Length of every vector. */
  public int dimension() {
    return dimension;
  }

  /** Number of ids held. */
  public int size() {
    return vectors.size();
  }

  /** The vector of an id (the default when the id is absent or not held); do not modify it. */
  float[] vector(Long id) {
    float[] v = id == null ? null : vectors.get(id);
    return v == null ? fallback : v;
  }

  /**
   * Writes the table as CSV: a header {@code <idFeature>,v0,…}, then the default vector on a row whose
   * id is {@value #DEFAULT_ROW}, then one row per id in ascending order; values print exactly (they
   * parse back to the same floats).
   */
  void writeCsv(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      StringBuilder header = new StringBuilder(idFeature);
      for (int i = 0; i < dimension; i++) {
        header.append(",v").append(i);
      }
      out.write(header.append('\n').toString());
      writeRow(out, DEFAULT_ROW, fallback);
      for (Long id : vectors.keySet().stream().sorted().toList()) {
        writeRow(out, Long.toString(id), vectors.get(id));
      }
    }
  }

  /** The id of the default vector's row in {@link #writeCsv}'s files. */
  static final String DEFAULT_ROW = "default";

  private static void writeRow(BufferedWriter out, String id, float[] vector) throws IOException {
    StringBuilder row = new StringBuilder(id);
    for (float v : vector) {
      row.append(',').append(v);
    }
    out.write(row.append('\n').toString());
  }

  /**
   * Reads a table {@link #writeCsv} wrote, keyed by {@code idFeature}, whose vectors must have
   * {@code dimension} values; every problem (bad header, bad row, missing default) is added to
   * {@code problems}, and the result is empty when there is any.
   */
  static Optional<FeatureLookup> readCsv(Path file, String idFeature, int dimension, List<String> problems) {
    int before = problems.size();
    Map<Long, float[]> vectors = new HashMap<>();
    float[] fallback = null;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String header = in.readLine();
      if (header == null || !header.split(",", -1)[0].equals(idFeature) || header.split(",", -1).length != dimension + 1) {
        problems.add(file.getFileName() + ": header should be " + idFeature + " and " + dimension + " value columns, got "
            + header);
        return Optional.empty();
      }
      String line;
      for (int n = 2; (line = in.readLine()) != null; n++) {
        String[] cells = line.split(",", -1);
        Optional<float[]> vector = parseVector(cells, dimension, file.getFileName() + " line " + n, problems);
        if (vector.isEmpty()) {
          continue;
        }
        if (cells[0].equals(DEFAULT_ROW)) {
          fallback = vector.get();
        } else {
          try {
            if (vectors.put(Long.parseLong(cells[0]), vector.get()) != null) {
              problems.add(file.getFileName() + " line " + n + ": id " + cells[0] + " appears twice");
            }
          } catch (NumberFormatException e) {
            problems.add(file.getFileName() + " line " + n + ": '" + cells[0] + "' is not an id");
          }
        }
      }
    } catch (NoSuchFileException e) {
      problems.add(file.getFileName() + ": missing (the lookup table of '" + idFeature + "')");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(file.getFileName() + ": cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    if (fallback == null) {
      problems.add(file.getFileName() + ": no '" + DEFAULT_ROW + "' row (the vector of ids the table does not hold)");
    }
    return problems.size() > before ? Optional.empty()
        : Optional.of(new FeatureLookup(idFeature, dimension, vectors, fallback));
  }

  private static Optional<float[]> parseVector(String[] cells, int dimension, String at, List<String> problems) {
    if (cells.length != dimension + 1) {
      problems.add(at + ": " + (cells.length - 1) + " values, expected " + dimension);
      return Optional.empty();
    }
    float[] v = new float[dimension];
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      try {
        v[i] = Float.parseFloat(cells[i + 1]);
        if (!Float.isFinite(v[i])) {
          bad.add("v" + i + " = " + cells[i + 1]);
        }
      } catch (NumberFormatException e) {
        bad.add("v" + i + " = '" + cells[i + 1] + "'");
      }
    }
    if (!bad.isEmpty()) {
      problems.add(at + ": not finite numbers: " + String.join(", ", bad));
      return Optional.empty();
    }
    return Optional.of(v);
  }
}
