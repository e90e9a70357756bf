package io.crossdistill.mapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a rule's transform chain. Values flow as one of four kinds: float (double precision
 * inside the chain), long, string and float vector; every transform states what it accepts and
 * yields, and validation checks the chain against the target field and the teacher input.
 */
public sealed interface Transform {

  /** Passes the value through unchanged. */
  record Identity() implements Transform {
  }

  /** Converts between float and long (float to long truncates toward zero; strings are parsed). */
  record Cast(CastTarget to) implements Transform {
    public Cast {
      Objects.requireNonNull(to, "to");
    }
  }

  /** Target kinds of {@link Cast}. */
  enum CastTarget { FLOAT, LONG }

  /** {@code ln(1 + x)}, for counts and durations; numeric to float. */
  record Log1p() implements Transform {
  }

  /** {@code (x - mean) / std}; numeric to float. */
  record Standardize(double mean, double std) implements Transform {
  }

  /** Clamps into {@code [min, max]}; float stays float, long stays long. */
  record Clip(double min, double max) implements Transform {
  }

  /**
   * Bucket index of a number: 0 below {@code boundaries[0]}, i for {@code boundaries[i-1] <= x <
   * boundaries[i]}, {@code boundaries.size()} at or above the last; numeric to long.
   */
  record Bucketize(List<Double> boundaries) implements Transform {
    public Bucketize {
      boundaries = List.copyOf(boundaries);
    }
  }

  /** {@code values[i]} maps to id {@code i}, anything else to {@code oovId}; string or long to long. */
  record Vocabulary(List<String> values, long oovId) implements Transform {
    public Vocabulary {
      values = List.copyOf(values);
    }
  }

  /** A stable hash of the value into {@code [0, buckets)}; string or long to long. */
  record Hash(long buckets) implements Transform {
  }

  /**
   * A lookup table (e.g. music genre to video genre id), key order kept; keys not in the table map to
   * {@code otherwise}; string or long to long.
   */
  record Lookup(Map<String, Long> table, long otherwise) implements Transform {
    public Lookup {
      table = Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }
  }

  /** Float vector passthrough that rejects records whose vector does not have {@code dimension} values. */
  record Vector(int dimension) implements Transform {
  }

  /** {@code selfWeight * x + sum(weight_i * field_i)}; numeric fields to float. */
  record WeightedSum(double selfWeight, List<Term> terms) implements Transform {
    public WeightedSum {
      terms = List.copyOf(terms);
    }
  }

  /** One weighted numeric field of a {@link WeightedSum}. */
  record Term(String path, double weight) {
    public Term {
      Objects.requireNonNull(path, "path");
    }
  }
}
