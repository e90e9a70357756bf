package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.BadRecord;
import java.util.List;

/**
 * The mutable register a rule's value flows through (one per mapper, reused for every record), and
 * the failure of the current record, if any. Only one of the value fields is meaningful at a time; the
 * compiled chain knows which.
 */
final class ValueCell {

  static final int OK = 0;
  static final int MISSING = 1;
  static final int FAILED = 2;

  double number;
  long id;
  CharSequence text;
  List<?> vector;

  BadRecord.Kind failureKind;
  String failurePath;
  String failureMessage;
  String missingPath;

  int fail(BadRecord.Kind kind, String path, String message) {
    failureKind = kind;
    failurePath = path;
    failureMessage = message;
    return FAILED;
  }

  int missing(String path) {
    missingPath = path;
    return MISSING;
  }
}
