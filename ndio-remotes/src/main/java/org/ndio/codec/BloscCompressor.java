package org.ndio.codec;

import java.util.Locale;
import org.ndio.UnsupportedFeatureException;

/**
 * The compressors c-blosc 1.x runs inside its frames, by the name numcodecs uses ({@code cname})
 * and the 3-bit format code a frame stores in bits 5-7 of its flags. lz4 and lz4hc write the
 * same format, so a frame cannot tell them apart.
 */
public enum BloscCompressor {
  BLOSCLZ("blosclz", 0),
  LZ4("lz4", 1),
  LZ4HC("lz4hc", 1),
  SNAPPY("snappy", 2),
  ZLIB("zlib", 3),
  ZSTD("zstd", 4);

  private final String cname;
  private final int format;

  BloscCompressor(String cname, int format) {
    this.cname = cname;
    this.format = format;
  }

  /** The numcodecs / c-blosc name, e.g. {@code lz4hc}. */
  public String cname() {
    return cname;
  }

  /** The code stored in a frame's flags (bits 5-7). */
  public int formatCode() {
    return format;
  }

  /** Whether this release can write frames with it (all but snappy). */
  public boolean canEncode() {
    return this != SNAPPY;
  }

  /**
   * The compressor named {@code name} (case-insensitive).
   *
   * @throws UnsupportedFeatureException for a name c-blosc does not know
   */
  public static BloscCompressor fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (BloscCompressor c : values()) {
      if (c.cname.equals(n)) {
        return c;
      }
    }
    throw new UnsupportedFeatureException("unknown blosc compressor '" + name
        + "' (known: blosclz, lz4, lz4hc, snappy, zlib, zstd)");
  }

  /** The compressor family for a frame's format code, or null for codes c-blosc 1.x never wrote. */
  static BloscCompressor fromFormatCode(int code) {
    switch (code) {
      case 0:
        return BLOSCLZ;
      case 1:
        return LZ4;
      case 2:
        return SNAPPY;
      case 3:
        return ZLIB;
      case 4:
        return ZSTD;
      default:
        return null;
    }
  }
}
