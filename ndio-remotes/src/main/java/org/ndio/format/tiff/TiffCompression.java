package org.ndio.format.tiff;

import java.util.Locale;
import javax.imageio.ImageWriteParam;
import org.ndio.UnsupportedFeatureException;

/**
 * How ndio compresses the TIFF pages it writes: {@code deflate[:LEVEL]} (TIFF compression 8,
 * Adobe Deflate, the default, level 6; tifffile and ImageJ read it without plugins), {@code lzw}
 * or {@code none}.
 */
record TiffCompression(String name, int level) {

  static final TiffCompression DEFAULT = new TiffCompression("deflate", 6);

  /** Parses a compressor spec; an empty or absent one gives the default. */
  static TiffCompression parse(String spec, String where) {
    if (spec == null || spec.isBlank()) {
      return DEFAULT;
    }
    String s = spec.trim().toLowerCase(Locale.ROOT);
    String[] parts = s.split(":", -1);
    switch (parts[0]) {
      case "none", "raw" -> {
        if (parts.length == 1) {
          return new TiffCompression("none", 0);
        }
      }
      case "lzw" -> {
        if (parts.length == 1) {
          return new TiffCompression("lzw", 0);
        }
      }
      case "deflate", "zlib", "gzip" -> {
        if (parts.length == 1) {
          return DEFAULT;
        }
        if (parts.length == 2 && parts[1].matches("[1-9]")) {
          return new TiffCompression("deflate", Integer.parseInt(parts[1]));
        }
      }
      default -> {
        // reported below
      }
    }
    throw new UnsupportedFeatureException(
        where + ": TIFF compressor '" + spec + "' is not supported (use none, lzw or"
            + " deflate[:LEVEL] with LEVEL 1 to 9)");
  }

  /** Sets the JDK TIFF writer's parameters for this compression. */
  void configure(ImageWriteParam p) {
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    switch (name) {
      case "none" -> p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
      case "lzw" -> p.setCompressionType("LZW");
      default -> {
        // "ZLib" is the JDK writer's name for compression 8; its "Deflate" writes the obsolete
        // code 32946. The writer maps quality q to level 1 + 8q.
        p.setCompressionType("ZLib");
        p.setCompressionQuality((level - 1) / 8f);
      }
    }
  }

  @Override
  public String toString() {
    return name.equals("deflate") ? "deflate:" + level : name;
  }
}
