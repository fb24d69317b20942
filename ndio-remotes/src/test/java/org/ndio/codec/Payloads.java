package org.ndio.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

/** Structured test payloads: the kinds of buffers chunks hold, deterministic per seed. */
final class Payloads {

  /** Kinds every test iterates over. */
  static final List<String> KINDS =
      List.of("zeros", "ramp8", "ramp16", "noise", "lownoise16", "labels64", "smooth16",
          "noisethenzeros");

  private Payloads() {}

  static byte[] make(String kind, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[size];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    switch (kind) {
      case "zeros":
        break;
      case "ramp8":
        for (int i = 0; i < size; i++) {
          b[i] = (byte) i;
        }
        break;
      case "ramp16":
        for (int i = 0; i + 1 < size; i += 2) {
          bb.putShort(i, (short) (i / 2));
        }
        break;
      case "noise":
        r.nextBytes(b);
        break;
      case "noisethenzeros": // blocks that do not compress, then blocks that do
        for (int i = 0; i < size * 3 / 5; i++) {
          b[i] = (byte) r.nextInt(256);
        }
        break;
      case "lownoise16": // uint16 with an empty high byte: planes that do and don't compress
        for (int i = 0; i + 1 < size; i += 2) {
          b[i] = (byte) r.nextInt(256);
        }
        break;
      case "labels64": { // uint64 segment ids in runs, as label volumes have
        long id = 1 + r.nextInt(1000);
        for (int i = 0; i + 7 < size; i += 8) {
          if (r.nextInt(40) == 0) {
            id = r.nextInt(5) == 0 ? 0 : 1 + r.nextLong(1L << 40);
          }
          bb.putLong(i, id);
        }
        break;
      }
      case "smooth16": { // EM-like intensities: a slow wave plus a little noise
        for (int i = 0; i + 1 < size; i += 2) {
          int v = (int) (3000 + 1000 * Math.sin(i / 700.0) + r.nextInt(16));
          bb.putShort(i, (short) v);
        }
        break;
      }
      default:
        throw new IllegalArgumentException(kind);
    }
    // odd tails (sizes that are not a multiple of the element size) get some bytes too
    for (int i = size - size % 8; i < size; i++) {
      if (!kind.equals("zeros")) {
        b[i] = (byte) r.nextInt(256);
      }
    }
    return b;
  }
}
