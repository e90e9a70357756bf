package io.crossdistill.reliability;

/** The kinds of malformed request the fuzzer makes, each a row of its table. */
enum Malformation {
  BROKEN_JSON("broken JSON (truncated, single quotes, '=' for ':', doubled commas)"),
  DEEP_NESTING("deeply nested JSON (100 to 20,000 levels)"),
  WRONG_TYPES("wrong types (body or one field: array, object, string, number, null)"),
  HUGE_NUMBERS("huge numbers (1e400, 10^26, beyond long) in numeric fields, versions, refs"),
  NAN_INFINITY("NaN / Infinity (bare tokens and strings)"),
  UNICODE("unicode edge cases (lone surrogates, NUL, BOM, U+FFFF, RTL, invalid UTF-8 bytes)"),
  DUPLICATE_KEYS("duplicate keys (the last one invalid)"),
  CONTENT_TYPE("wrong or missing Content-Type"),
  ACCEPT("wrong Accept (text/csv, application/xml, image/png)"),
  AVRO_GARBAGE("garbage avro/binary bodies for POST /labels"),
  OVERSIZED_BODY("bodies over quarkus.http.limits.max-body-size"),
  BATCH_OVER_LIMIT("batches over labels.max-batch / samples over labels.max-sample"),
  LONG_URI("long URIs (5,000 to 30,000 characters)"),
  KEYS("bad, missing or another team's keys"),
  PATH_TRAVERSAL("path traversal in every path parameter and body path"),
  WRONG_METHOD("methods the path does not have (PUT, DELETE, PATCH, GET/POST, FOO)");

  private final String description;

  Malformation(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** Whether this malformation applies to the operation. */
  boolean appliesTo(Operation operation) {
    return switch (this) {
      case BROKEN_JSON, DEEP_NESTING, WRONG_TYPES, HUGE_NUMBERS, NAN_INFINITY, UNICODE, DUPLICATE_KEYS,
          CONTENT_TYPE, OVERSIZED_BODY -> operation.takesJson();
      case AVRO_GARBAGE -> operation.consumes().contains("avro/binary");
      case BATCH_OVER_LIMIT -> operation.template().equals("/api/v1/labels")
          || operation.template().endsWith("/coverage") || operation.template().endsWith("/fit");
      case PATH_TRAVERSAL -> !operation.pathParams().isEmpty() || operation.method().equals("POST")
          && (operation.template().equals("/api/v1/backfills") || operation.template().equals("/api/v1/teachers"));
      case ACCEPT, LONG_URI, KEYS, WRONG_METHOD -> true;
    };
  }
}
