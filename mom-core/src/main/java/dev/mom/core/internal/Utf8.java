package dev.mom.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8, as the Unicode standard defines it (table 3-7): no
 * overlong forms, no surrogates, nothing above U+10FFFF.
 *
 * <p>Jackson reports most broken sequences but decodes overlong forms and code points above
 * U+10FFFF into wrong characters; a {@code CharsetDecoder} is strict but needs an output buffer per
 * call. This scan allocates nothing and costs one pass over bytes that are mostly ASCII.
 */
final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Returns the index of the first byte that starts a malformed sequence, or -1 if every byte is
   * part of well-formed UTF-8.
   */
  static int firstInvalidByte(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      i = skipAscii(bytes, i);
      if (i == bytes.length) {
        return -1;
      }
      if (bytes[i] >= 0) {
        i++;
        continue;
      }
      int length = sequenceLength(bytes, i);
      if (length == 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** Skips ASCII eight bytes at a time: most of a message is ASCII. */
  private static int skipAscii(byte[] bytes, int from) {
    int i = from;
    while (i + Long.BYTES <= bytes.length && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
      i += Long.BYTES;
    }
    return i;
  }

  /**
   * Returns the length of the well-formed multi-byte sequence at {@code i}, or 0 if there is none.
   */
  private static int sequenceLength(byte[] bytes, int i) {
    int lead = bytes[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return continues(bytes, i + 1, 0x80, 0xBF) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      // E0 would be overlong below A0; ED above 9F would be a surrogate.
      int low = lead == 0xE0 ? 0xA0 : 0x80;
      int high = lead == 0xED ? 0x9F : 0xBF;
      return continues(bytes, i + 1, low, high) && continues(bytes, i + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      // F0 would be overlong below 90; F4 above 8F would pass U+10FFFF.
      int low = lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xF4 ? 0x8F : 0xBF;
      boolean valid =
          continues(bytes, i + 1, low, high)
              && continues(bytes, i + 2, 0x80, 0xBF)
              && continues(bytes, i + 3, 0x80, 0xBF);
      return valid ? 4 : 0;
    }
    return 0;
  }

  private static boolean continues(byte[] bytes, int i, int low, int high) {
    if (i >= bytes.length) {
      return false;
    }
    int value = bytes[i] & 0xFF;
    return value >= low && value <= high;
  }
}
