package io.crossdistill.reliability;

/**
 * The fuzzer's vocabulary of hostile values: numbers no field can hold, strings and bytes no name, path
 * or reference can be, traversal payloads, wrong media types and methods. {@link MalformedRequests}
 * draws from them.
 */
final class HostileValues {

  static final String[] HUGE = {"1e400", "-1e400", "99999999999999999999999999", "1e19", "-1e19",
      "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309"};
  static final String[] NON_NUMBERS = {"NaN", "Infinity", "-Infinity", "+Infinity", "\"NaN\"",
      "\"Infinity\"", "\"-Infinity\"", "-NaN"};
  /** Strings (as JSON text, escapes included) no reference, name or path can be. */
  static final String[] ODD_STRINGS = {"\"\\ud800\"", "\"x\\udfff\"", "\"\\udc00\\ud800\"", "\"a\\u0000b\"",
      "\"\\ufeffListen\"", "\"\\uffff\"", "\"\\ufffe\"", "\"\\u202eneddih\"", "\"\\u0301\\u0301\"", "\"\\ud83d\\ude00\"",
      "\"\\u0000\"", "\"\\u001b[31m\"", "\"\\u2028\\u2029\""};
  /** Raw bytes that are not UTF-8 (or not allowed unescaped in a JSON string). */
  static final byte[][] BAD_BYTES = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0x00}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0x80}, {0x1F}};
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  static final String[] TRAVERSAL_SEGMENTS = {"..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
      "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5C..%5C..%5Cwindows%5Cwin.ini", "..%00",
      "..%252F..%252F..%252Fetc", "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc", "../../../../../../etc/passwd",
      "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "....//....//....//etc", "%00%2e%2e%2f", "%2Fetc%2Fpasswd"};
  static final String[] TRAVERSAL_PATHS = {"../../../../etc/passwd", "/etc/passwd", "listens/../../../../..",
      "..\\..\\..\\windows", "%2e%2e/%2e%2e/etc", "./../../../../tmp", "~/.ssh/id_rsa", "file:///etc/passwd", "\\\\host\\share",
      "a/../../../../../../../etc"};
  static final String[] WRONG_CONTENT_TYPES = {"text/plain", "application/xml", "text/csv", "image/png",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
      "application/json-patch+json", "text/html"};
  static final String[] WRONG_ACCEPTS = {"text/csv", "application/xml", "image/png", "text/html",
      "application/octet-stream;q=1, text/plain;q=0.5"};
  static final String[] OTHER_METHODS = {"PUT", "DELETE", "PATCH", "GET", "POST", "FOO"};

  private HostileValues() {
  }
}
