package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.BadRecord;
import org.apache.avro.generic.IndexedRecord;

/** Compiled numeric transforms: cast, log1p, standardize, clip, weighted sum. */
final class NumberSteps {

  private NumberSteps() {
  }

  static final class LongToFloat extends Step {
    LongToFloat(String path) {
      super(path);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.number = cell.id;
      return ValueCell.OK;
    }
  }

  static final class FloatToLong extends Step {
    FloatToLong(String path) {
      super(path);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      if (!Double.isFinite(cell.number)) {
        return cell.fail(BadRecord.Kind.NOT_FINITE, path, "cast to long got " + cell.number);
      }
      cell.id = (long) cell.number;
      return ValueCell.OK;
    }
  }

  static final class ParseFloat extends Step {
    ParseFloat(String path) {
      super(path);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      try {
        cell.number = Double.parseDouble(cell.text.toString());
        return ValueCell.OK;
      } catch (NumberFormatException e) {
        return cell.fail(BadRecord.Kind.UNPARSEABLE, path, "'" + cell.text + "' is not a number");
      }
    }
  }

  static final class ParseLong extends Step {
    ParseLong(String path) {
      super(path);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      try {
        cell.id = Long.parseLong(cell.text.toString().trim());
        return ValueCell.OK;
      } catch (NumberFormatException e) {
        return cell.fail(BadRecord.Kind.UNPARSEABLE, path, "'" + cell.text + "' is not an integer");
      }
    }
  }

  static final class Log1p extends Step {
    Log1p(String path) {
      super(path);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      double x = cell.number;
      if (!(x > -1.0)) {
        return cell.fail(BadRecord.Kind.NOT_FINITE, path, "log1p needs a value above -1, got " + x);
      }
      cell.number = Math.log1p(x);
      return ValueCell.OK;
    }
  }

  static final class Standardize extends Step {
    private final double mean;
    private final double inverseStd;

    Standardize(String path, double mean, double std) {
      super(path);
      this.mean = mean;
      this.inverseStd = 1.0 / std;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.number = (cell.number - mean) * inverseStd;
      return ValueCell.OK;
    }
  }

  static final class ClipFloat extends Step {
    private final double min;
    private final double max;

    ClipFloat(String path, double min, double max) {
      super(path);
      this.min = min;
      this.max = max;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.number = Math.min(max, Math.max(min, cell.number));
      return ValueCell.OK;
    }
  }

  static final class ClipLong extends Step {
    private final long min;
    private final long max;

    ClipLong(String path, double min, double max) {
      super(path);
      this.min = (long) Math.ceil(min);
      this.max = (long) Math.floor(max);
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.id = Math.min(max, Math.max(min, cell.id));
      return ValueCell.OK;
    }
  }

  /** {@code selfWeight * x + sum(w_i * field_i)}; a missing term field makes the value missing. */
  static final class WeightedSum extends Step {
    private final double selfWeight;
    private final TargetPath[] terms;
    private final double[] weights;

    WeightedSum(String path, double selfWeight, TargetPath[] terms, double[] weights) {
      super(path);
      this.selfWeight = selfWeight;
      this.terms = terms;
      this.weights = weights;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      double sum = selfWeight * cell.number;
      for (int i = 0; i < terms.length; i++) {
        Object raw = terms[i].read(record);
        if (raw == null) {
          return cell.missing(terms[i].path());
        }
        double x;
        if (raw instanceof Double d) {
          x = d;
        } else if (raw instanceof Float f) {
          x = f;
        } else if (raw instanceof Integer n) {
          x = n;
        } else if (raw instanceof Long n) {
          x = n;
        } else {
          return cell.fail(BadRecord.Kind.WRONG_TYPE, terms[i].path(),
              "expected a number, got " + raw.getClass().getSimpleName());
        }
        if (!Double.isFinite(x)) {
          return cell.fail(BadRecord.Kind.NOT_FINITE, terms[i].path(), x + " is not allowed");
        }
        sum += weights[i] * x;
      }
      cell.number = sum;
      return ValueCell.OK;
    }
  }

  /** Rejects vectors of another length. */
  static final class VectorCheck extends Step {
    private final int dimension;

    VectorCheck(String path, int dimension) {
      super(path);
      this.dimension = dimension;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      int n = cell.vector.size();
      return n == dimension ? ValueCell.OK : cell.fail(BadRecord.Kind.DIMENSION, path,
          "vector has " + n + " values, the rule expects " + dimension);
    }
  }
}
