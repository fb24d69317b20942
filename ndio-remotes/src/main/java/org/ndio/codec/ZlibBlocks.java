package org.ndio.codec;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** {@link BlockCodec} for zlib streams (RFC 1950, what zlib's compress2 writes). */
final class ZlibBlocks extends BlockCodec {

  private final int level;
  private Deflater deflater;
  private Inflater inflater;
  private final byte[] probe = new byte[1];

  ZlibBlocks(int level) {
    this.level = level;
  }

  @Override
  int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut) {
    if (deflater == null) {
      deflater = new Deflater(level);
    }
    deflater.reset();
    deflater.setInput(src, s, len);
    deflater.finish();
    int n = 0;
    while (!deflater.finished()) {
      int k = n == maxOut ? 0 : deflater.deflate(dst, d + n, maxOut - n);
      if (k == 0) {
        return 0; // out of room (or, never seen, no progress): store the stream raw
      }
      n += k;
    }
    return n;
  }

  @Override
  int decompress(byte[] src, int s, int len, byte[] dst, int d, int n) {
    if (inflater == null) {
      inflater = new Inflater();
    }
    inflater.reset();
    inflater.setInput(src, s, len);
    try {
      int k = 0;
      while (!inflater.finished() && k < n) {
        int got = inflater.inflate(dst, d + k, n - k);
        if (got == 0 && !inflater.finished()) {
          return -1; // needs more input or a dictionary: truncated or not ours
        }
        k += got;
      }
      if (!inflater.finished()) {
        // all n bytes are out: the stream must end here, with nothing more to give
        if (inflater.inflate(probe, 0, 1) != 0 || !inflater.finished()) {
          return -1;
        }
      }
      return k;
    } catch (DataFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (deflater != null) {
      deflater.end();
    }
    if (inflater != null) {
      inflater.end();
    }
  }
}
