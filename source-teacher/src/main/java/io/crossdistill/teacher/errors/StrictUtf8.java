package io.crossdistill.teacher.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259, RFC 3629): Jackson's byte decoder accepts overlong
 * forms such as {@code C0 AF} (read as {@code /}), which would let a name or a path mean something other
 * than what its bytes say. Every JSON body is read through a check that refuses an overlong form, a
 * surrogate, a code point past U+10FFFF, a stray continuation byte or a sequence cut short with
 * {@link InvalidUtf8} (400, the byte offset named), before any of it is bound.
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    // raw bytes are bound to nothing here: their reader checks them itself (JsonBodies) and answers the problem
    if (type != null && isJson(type) && context.getType() != byte[].class) {
      context.setInputStream(new CheckedStream(context.getInputStream()));
    }
    return context.proceed();
  }

  private static boolean isJson(MediaType type) {
    String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
    return subtype.equals("json") || subtype.endsWith("+json");
  }

  /** A JSON body that is not well-formed UTF-8. */
  public static final class InvalidUtf8 extends CharConversionException {

    private static final long serialVersionUID = 1L;

    InvalidUtf8(long offset, String what) {
      super("the body is not valid UTF-8: " + what + " at byte " + offset);
    }
  }

  /** Passes bytes through unchanged, checking them against the UTF-8 well-formed byte sequences table. */
  static final class CheckedStream extends FilterInputStream {

    private long offset;
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;

    CheckedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        atEnd();
      } else {
        check(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
      int n = super.read(buffer, from, length);
      if (n < 0) {
        atEnd();
      }
      for (int i = 0; i < n; i++) {
        check(buffer[from + i] & 0xFF);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] skipped = new byte[(int) Math.min(n, 8192)];
      int read = read(skipped, 0, skipped.length);
      return Math.max(read, 0);
    }

    private void atEnd() throws InvalidUtf8 {
      if (pending > 0) {
        throw new InvalidUtf8(offset, "a multi-byte sequence cut short by the end of the body");
      }
    }

    private void check(int b) throws InvalidUtf8 {
      if (pending > 0) {
        if (b < low || b > high) {
          throw new InvalidUtf8(offset, String.format("byte %02X where a continuation byte (%02X..%02X) belongs", b, low, high));
        }
        pending--;
        low = 0x80;
        high = 0xBF;
      } else if (b >= 0x80) {
        lead(b);
      }
      offset++;
    }

    private void lead(int b) throws InvalidUtf8 {
      if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be an overlong form
        high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be an overlong form
        high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
      } else {
        throw new InvalidUtf8(offset, String.format(
            "byte %02X cannot start a character (an overlong form, a stray continuation byte or no UTF-8 at all)", b));
      }
    }
  }
}
