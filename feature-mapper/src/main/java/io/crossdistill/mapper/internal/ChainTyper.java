package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.Transform;
import io.crossdistill.schemas.JsonPointers;
import io.crossdistill.schemas.Problem;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Type-checks one rule's transform chain: what each transform accepts and yields, its parameters, the
 * range of ids it can produce, and whether it makes the value constant. Reports into the validator's
 * problem lists.
 */
final class ChainTyper {

  private final Schema targetSchema;
  private final List<Problem> errors;
  private final List<Problem> warnings;

  ChainTyper(Schema targetSchema, List<Problem> errors, List<Problem> warnings) {
    this.targetSchema = targetSchema;
    this.errors = errors;
    this.warnings = warnings;
  }

  /** Kind and, for longs, the known range of a value in the chain ({@code known == false}: any long). */
  record Typed(ValueKind kind, boolean known, long lo, long hi) {
    static Typed of(ValueKind kind) {
      return new Typed(kind, false, 0, 0);
    }

    static Typed ids(long lo, long hi) {
      return new Typed(ValueKind.LONG, true, lo, hi);
    }
  }

  /**
   * The value after transform {@code t}, or null after reporting an error at {@code at}.
   *
   * @param input the teacher input the rule writes, or null when unknown
   */
  Typed apply(Transform t, Typed in, String at, TeacherInput input) {
    ValueKind kind = in.kind();
    if (t instanceof Transform.Identity) {
      return in;
    } else if (t instanceof Transform.Cast c) {
      return cast(c, in, at);
    } else if (t instanceof Transform.Log1p) {
      return needNumber("log1p", kind, at) ? Typed.of(ValueKind.FLOAT) : null;
    } else if (t instanceof Transform.Standardize s) {
      return standardize(s, kind, at);
    } else if (t instanceof Transform.Clip c) {
      return clip(c, in, at);
    } else if (t instanceof Transform.Bucketize b) {
      return bucketize(b, kind, at);
    } else if (t instanceof Transform.Vocabulary v) {
      return vocabulary(v, kind, at);
    } else if (t instanceof Transform.Hash h) {
      return hash(h, kind, at);
    } else if (t instanceof Transform.Lookup l) {
      return lookup(l, kind, at);
    } else if (t instanceof Transform.Vector v) {
      return vector(v, kind, at, input);
    } else if (t instanceof Transform.WeightedSum w) {
      return weightedSum(w, kind, at);
    }
    throw new IllegalStateException("unknown transform " + t);
  }

  private Typed cast(Transform.Cast c, Typed in, String at) {
    if (in.kind() == ValueKind.VECTOR) {
      return typeError("cast", "a number or a string", in.kind(), at, "");
    }
    if (c.to() == Transform.CastTarget.FLOAT) {
      return Typed.of(ValueKind.FLOAT);
    }
    return in.kind() == ValueKind.LONG ? in : Typed.of(ValueKind.LONG);
  }

  private Typed standardize(Transform.Standardize s, ValueKind kind, String at) {
    boolean ok = needNumber("standardize", kind, at);
    ok &= finite(s.mean(), at + "/mean");
    if (!(s.std() > 0) || !Double.isFinite(s.std())) {
      errors.add(new Problem(at + "/std", "std must be a finite number above 0, got " + s.std()));
      ok = false;
    }
    return ok ? Typed.of(ValueKind.FLOAT) : null;
  }

  private Typed clip(Transform.Clip c, Typed in, String at) {
    boolean ok = needNumber("clip", in.kind(), at);
    ok &= finite(c.min(), at + "/min") & finite(c.max(), at + "/max");
    if (ok && c.min() > c.max()) {
      errors.add(new Problem(at, "clip min " + c.min() + " is above max " + c.max()));
      ok = false;
    }
    if (!ok) {
      return null;
    }
    if (c.min() == c.max()) {
      warnings.add(new Problem(at, "clip with min = max = " + c.min() + " makes the value constant"));
    }
    if (in.kind() == ValueKind.FLOAT) {
      return in;
    }
    long lo = (long) Math.ceil(c.min());
    long hi = (long) Math.floor(c.max());
    if (lo > hi) {
      errors.add(new Problem(at, "clip [" + c.min() + ", " + c.max() + "] contains no integer, but the value is a long"));
      return null;
    }
    return in.known() ? Typed.ids(Math.max(lo, Math.min(hi, in.lo())), Math.min(hi, Math.max(lo, in.hi())))
        : Typed.ids(lo, hi);
  }

  private Typed bucketize(Transform.Bucketize b, ValueKind kind, String at) {
    boolean ok = needNumber("bucketize", kind, at);
    List<Double> edges = b.boundaries();
    for (int k = 0; k < edges.size(); k++) {
      if (!Double.isFinite(edges.get(k))) {
        errors.add(new Problem(at + "/boundaries/" + k, "boundary must be a finite number, got " + edges.get(k)));
        ok = false;
      } else if (k > 0 && !(edges.get(k) > edges.get(k - 1))) {
        errors.add(new Problem(at + "/boundaries/" + k, "boundaries must be strictly ascending, but "
            + edges.get(k) + " follows " + edges.get(k - 1)));
        ok = false;
      }
    }
    if (ok && edges.isEmpty()) {
      warnings.add(new Problem(at + "/boundaries", "bucketize without boundaries always yields 0"));
    }
    return ok ? Typed.ids(0, edges.size()) : null;
  }

  private Typed vocabulary(Transform.Vocabulary v, ValueKind kind, String at) {
    if (!needKey("vocabulary", kind, at)) {
      return null;
    }
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < v.values().size(); k++) {
      String value = v.values().get(k);
      if (!seen.add(value)) {
        errors.add(new Problem(at + "/values/" + k, "'" + value + "' is listed twice; each value has one id"));
        ok = false;
      } else if (kind == ValueKind.LONG && parseLong(value) == null) {
        errors.add(new Problem(at + "/values/" + k, "'" + value + "' is not an integer, but the value looked up is a long"));
        ok = false;
      }
    }
    if (v.values().isEmpty()) {
      warnings.add(new Problem(at + "/values", "an empty vocabulary always yields the oovId " + v.oovId()));
    } else if (v.oovId() >= 0 && v.oovId() < v.values().size()) {
      warnings.add(new Problem(at + "/oovId", "oovId " + v.oovId() + " is also the id of '"
          + v.values().get((int) v.oovId()) + "'; unknown values become indistinguishable from it"));
    }
    long hi = Math.max(v.values().size() - 1L, v.oovId());
    return ok ? Typed.ids(Math.min(0, v.oovId()), hi) : null;
  }

  private Typed hash(Transform.Hash h, ValueKind kind, String at) {
    boolean ok = needKey("hash", kind, at);
    if (h.buckets() < 1) {
      errors.add(new Problem(at + "/buckets", "buckets must be at least 1, got " + h.buckets()));
      return null;
    }
    if (h.buckets() == 1) {
      warnings.add(new Problem(at + "/buckets", "hashing into 1 bucket always yields 0"));
    }
    return ok ? Typed.ids(0, h.buckets() - 1) : null;
  }

  private Typed lookup(Transform.Lookup l, ValueKind kind, String at) {
    if (!needKey("lookup", kind, at)) {
      return null;
    }
    boolean ok = true;
    long lo = l.otherwise();
    long hi = l.otherwise();
    for (var entry : l.table().entrySet()) {
      if (kind == ValueKind.LONG && parseLong(entry.getKey()) == null) {
        errors.add(new Problem(JsonPointers.child(at + "/table", entry.getKey()),
            "key '" + entry.getKey() + "' is not an integer, but the value looked up is a long"));
        ok = false;
      }
      lo = Math.min(lo, entry.getValue());
      hi = Math.max(hi, entry.getValue());
    }
    if (l.table().isEmpty()) {
      warnings.add(new Problem(at + "/table", "an empty lookup table always yields " + l.otherwise()));
    }
    return ok ? Typed.ids(lo, hi) : null;
  }

  private Typed vector(Transform.Vector v, ValueKind kind, String at, TeacherInput input) {
    if (kind != ValueKind.VECTOR) {
      return typeError("vector", "a float vector", kind, at, "");
    }
    if (v.dimension() < 1) {
      errors.add(new Problem(at + "/dimension", "dimension must be at least 1, got " + v.dimension()));
      return null;
    }
    if (input != null && input.getType() == InputType.FLOAT_VECTOR && input.getDimension() != v.dimension()) {
      errors.add(new Problem(at + "/dimension", "dimension " + v.dimension() + " differs from teacher input '"
          + input.getName() + "', which takes " + input.getDimension() + " values"));
      return null;
    }
    return Typed.of(ValueKind.VECTOR);
  }

  private Typed weightedSum(Transform.WeightedSum w, ValueKind kind, String at) {
    boolean ok = needNumber("weightedSum", kind, at) & finite(w.selfWeight(), at + "/selfWeight");
    boolean allZero = w.selfWeight() == 0;
    for (int k = 0; k < w.terms().size(); k++) {
      Transform.Term term = w.terms().get(k);
      String termAt = at + "/terms/" + k;
      ok &= finite(term.weight(), termAt + "/weight");
      allZero &= term.weight() == 0;
      TargetPath.Resolved resolved = TargetPath.resolve(targetSchema, term.path());
      if (!resolved.ok()) {
        errors.add(new Problem(termAt + "/from", resolved.error()));
        ok = false;
      } else {
        ValueKind termKind = TargetPath.kindOf(resolved.path().leaf());
        if (termKind == null || !termKind.isNumber()) {
          errors.add(new Problem(termAt + "/from", "weightedSum adds numbers, but '" + term.path() + "' is "
              + TargetPath.describe(resolved.path().leaf())));
          ok = false;
        }
      }
    }
    if (ok && allZero) {
      warnings.add(new Problem(at, "every weight is 0, so the weighted sum is always 0"));
    }
    return ok ? Typed.of(ValueKind.FLOAT) : null;
  }

  private boolean needNumber(String op, ValueKind kind, String at) {
    if (kind.isNumber()) {
      return true;
    }
    typeError(op, "a number", kind, at, kind == ValueKind.STRING
        ? "; strings become ids through vocabulary, hash or lookup, or numbers through cast" : "");
    return false;
  }

  private boolean needKey(String op, ValueKind kind, String at) {
    if (kind == ValueKind.STRING || kind == ValueKind.LONG) {
      return true;
    }
    typeError(op, "a string or a long", kind, at,
        kind == ValueKind.FLOAT ? "; bucketize a float, or cast it to long first" : "");
    return false;
  }

  private Typed typeError(String op, String needs, ValueKind got, String at, String hint) {
    errors.add(new Problem(at, op + " takes " + needs + ", but the value here is " + got.phrase() + hint));
    return null;
  }

  private boolean finite(double x, String at) {
    if (!Double.isFinite(x)) {
      errors.add(new Problem(at, "must be a finite number, got " + x));
      return false;
    }
    return true;
  }

  static Long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
