package org.ndio.format.tiff;

import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.volume.DataType;

/** The shape and sample type of one TIFF page: what every page of a stack must share. */
record TiffPage(int width, int height, DataType dtype) {

  private static final int SAMPLE_UINT = 1;
  private static final int SAMPLE_INT = 2;
  private static final int SAMPLE_FLOAT = 3;
  private static final int PHOTOMETRIC_PALETTE = 3;

  /**
   * Reads the page's fields, refusing what a greyscale volume cannot hold. {@code where} names
   * the page in messages, {@code fileLength} bounds the strips and tiles it points to.
   */
  static TiffPage of(TiffTags tags, String where, long fileLength) {
    long w = tags.first(TiffTags.IMAGE_WIDTH, -1);
    long h = tags.first(TiffTags.IMAGE_LENGTH, -1);
    if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new CorruptDataException(where + ": bad image size " + w + "x" + h);
    }
    long spp = tags.first(TiffTags.SAMPLES_PER_PIXEL, 1);
    if (spp != 1) {
      throw new UnsupportedFeatureException(
          where + " has " + spp + " samples per pixel (RGB or multi-channel); only"
              + " single-channel greyscale TIFFs are read");
    }
    if (tags.first(TiffTags.PHOTOMETRIC, 1) == PHOTOMETRIC_PALETTE) {
      throw new UnsupportedFeatureException(
          where + " is a palette (colour-mapped) image; only greyscale TIFFs are read");
    }
    long bits = tags.first(TiffTags.BITS_PER_SAMPLE, 1);
    long format = tags.first(TiffTags.SAMPLE_FORMAT, SAMPLE_UINT);
    checkExtent(tags, where, fileLength);
    return new TiffPage((int) w, (int) h, dtype(bits, format, where));
  }

  private static DataType dtype(long bits, long format, String where) {
    DataType t = null;
    if (format == SAMPLE_UINT || format == SAMPLE_INT) {
      boolean signed = format == SAMPLE_INT;
      t = switch ((int) bits) {
        case 8 -> signed ? DataType.INT8 : DataType.UINT8;
        case 16 -> signed ? DataType.INT16 : DataType.UINT16;
        case 32 -> signed ? DataType.INT32 : DataType.UINT32;
        default -> null;
      };
    } else if (format == SAMPLE_FLOAT) {
      t = bits == 32 ? DataType.FLOAT32 : bits == 64 ? DataType.FLOAT64 : null;
    }
    if (t == null) {
      String kind = format == SAMPLE_FLOAT ? "float" : format == SAMPLE_INT ? "signed integer"
          : format == SAMPLE_UINT ? "unsigned integer" : "SampleFormat " + format;
      throw new DataTypeException(
          where + " has " + bits + "-bit " + kind + " samples; TIFF stacks are read with 8-, 16-"
              + " or 32-bit integer or 32- or 64-bit float samples");
    }
    return t;
  }

  // A truncated file would otherwise decode as zeros or fail deep inside the codec.
  private static void checkExtent(TiffTags tags, String where, long fileLength) {
    boolean tiled = tags.has(TiffTags.TILE_OFFSETS);
    long[] offsets = tags.longs(tiled ? TiffTags.TILE_OFFSETS : TiffTags.STRIP_OFFSETS);
    long[] counts = tags.longs(tiled ? TiffTags.TILE_BYTE_COUNTS : TiffTags.STRIP_BYTE_COUNTS);
    if (offsets.length == 0 || counts.length != offsets.length) {
      throw new CorruptDataException(
          where + ": " + offsets.length + " data offsets and " + counts.length
              + " byte counts (they must be present and match)");
    }
    for (int i = 0; i < offsets.length; i++) {
      long end = offsets[i] + counts[i];
      if (offsets[i] < 0 || counts[i] < 0 || end > fileLength) {
        throw new CorruptDataException(
            where + " is truncated: its " + (tiled ? "tile " : "strip ") + i + " runs to byte "
                + end + ", the file has " + fileLength + " bytes");
      }
    }
  }

  /** How this page differs from {@code other}, for messages. */
  String describe() {
    return width + "x" + height + " " + dtype.numpyName();
  }
}
