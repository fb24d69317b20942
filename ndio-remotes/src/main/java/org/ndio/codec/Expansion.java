package org.ndio.codec;

import org.ndio.CorruptDataException;

/**
 * The most each compression format can expand its input, so that a size declared by a header
 * can be checked against the compressed bytes actually present before anything that size is
 * allocated: a 100-byte body that claims a gigabyte is damaged, whatever its header says.
 * The bounds are the formats' own limits, with room for headers, so no valid input is refused.
 */
public final class Expansion {

  /** Deflate (zlib, gzip, zip, PNG): a 258-byte match per two bits at best, 1032:1. */
  public static final long DEFLATE = 1032;
  /** LZ4 blocks: every further length byte adds 255 output bytes. */
  public static final long LZ4 = 256;
  /** zstd: an RLE block of 4 bytes expands to 128 KiB, the most a block holds. */
  public static final long ZSTD = 32768;
  /** blosclz, an LZ77 with lz4-like length bytes; generous, c-blosc documents no limit. */
  public static final long BLOSCLZ = 1024;
  /** TIFF LZW: codes of 9 to 12 bits for strings of at most 4096 bytes. */
  public static final long LZW = 4096;

  // Headers, trailers and a short final block are not proportional to the data.
  private static final long SLACK = 4096;

  private Expansion() {}

  /** Whether {@code compressed} bytes could expand to {@code declared} at {@code ratio}. */
  public static boolean possible(long declared, long compressed, long ratio) {
    return declared <= Math.max(0, compressed) * ratio + SLACK;
  }

  /**
   * Refuses a declared size that {@code compressed} bytes cannot expand to.
   *
   * @param what names the input and its format, e.g. {@code "file.nii.gz: gzip data"}
   */
  public static void require(long declared, long compressed, long ratio, String what) {
    if (!possible(declared, compressed, ratio)) {
      throw new CorruptDataException(what + " declares " + declared + " bytes, more than its "
          + compressed + " compressed bytes can hold (at most " + ratio + ":1); the header is"
          + " damaged or the data truncated");
    }
  }

  /** The bound of a blosc frame's inner compressor. */
  static long of(BloscCompressor c) {
    return switch (c) {
      case ZLIB -> DEFLATE;
      case ZSTD -> ZSTD;
      case BLOSCLZ -> BLOSCLZ;
      default -> LZ4;
    };
  }
}
