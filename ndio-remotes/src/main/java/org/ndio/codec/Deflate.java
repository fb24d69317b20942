package org.ndio.codec;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;

/** Whole-buffer deflate and inflate over java.util.zip, shared by the gzip and zlib codecs. */
final class Deflate {

  private Deflate() {}

  /** Deflates all of {@code raw} starting {@code headroom} bytes into the returned array. */
  static byte[] deflate(Deflater deflater, byte[] raw, int headroom, int tailroom) {
    deflater.setInput(raw);
    deflater.finish();
    // stored blocks cost 5 bytes per 16 KiB at worst; most data needs far less
    byte[] out = new byte[headroom + raw.length / 8 + 64];
    int n = headroom;
    while (!deflater.finished()) {
      if (n == out.length) {
        long grown = Math.max(2L * out.length, (long) out.length + raw.length / 4 + 64);
        out = Arrays.copyOf(out, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
      // with finish() called and room left, deflate always makes progress
      n += deflater.deflate(out, n, out.length - n);
    }
    return Arrays.copyOf(out, n + tailroom);
  }

  /**
   * Inflates {@code src[s, s + len)} into exactly {@code n} bytes of {@code out}; the stream
   * must end there. Returns the number of input bytes it used.
   */
  static int inflateExactly(Inflater inflater, byte[] src, int s, int len, byte[] out, int n,
      String what) {
    inflater.setInput(src, s, len);
    try {
      int k = 0;
      while (k < n) {
        int got = inflater.inflate(out, k, n - k);
        if (got == 0) {
          if (inflater.finished()) {
            throw new CorruptDataException(what + " holds " + k + " bytes, expected " + n);
          }
          throw new CorruptDataException(what + " is truncated: it ends after " + k + " of "
              + n + " bytes");
        }
        k += got;
      }
      if (!inflater.finished()) {
        byte[] probe = new byte[1];
        if (inflater.inflate(probe) != 0) {
          throw new CorruptDataException(what + " holds more than the " + n + " bytes expected");
        }
        if (!inflater.finished()) {
          throw new CorruptDataException(what + " is truncated: its end marker is missing");
        }
      }
      return len - inflater.getRemaining();
    } catch (DataFormatException e) {
      throw new CorruptDataException(what + " is corrupt: " + e.getMessage(), e);
    }
  }
}
