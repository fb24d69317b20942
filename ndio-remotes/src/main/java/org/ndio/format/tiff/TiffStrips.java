package org.ndio.format.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;

/**
 * Where the strips of one page lie and how they are stored, for the pages ndio decodes itself:
 * strips (not tiles) of one sample per pixel, uncompressed or zlib/deflate without a
 * predictor, in either byte order. That is what ndio, tifffile and ImageJ write by default.
 * TwelveMonkeys' reader opens a buffered stream for each strip it decodes, which for stacks
 * stored in small strips costs more than the data itself; here each strip is read with one
 * positional read and inflated straight into the section's rows.
 */
record TiffStrips(long[] offsets, long[] counts, int rowsPerStrip, boolean deflate,
    ByteOrder order) {

  private static final int PLANAR_CONFIGURATION = 284;
  private static final int PREDICTOR = 317;
  private static final int FILL_ORDER = 266;
  private static final int ROWS_PER_STRIP = 278;

  /** The strips of a page, or empty where the page needs the general decoder. */
  static Optional<TiffStrips> of(TiffTags tags, TiffPage page, ByteOrder order) {
    long compression = tags.first(TiffTags.COMPRESSION, 1);
    boolean plain = tags.first(PREDICTOR, 1) == 1 && tags.first(PLANAR_CONFIGURATION, 1) == 1
        && tags.first(FILL_ORDER, 1) == 1 && !tags.has(TiffTags.TILE_OFFSETS)
        && tags.first(TiffTags.SAMPLES_PER_PIXEL, 1) == 1
        && (compression == 1 || compression == 8 || compression == 32946);
    if (!plain) {
      return Optional.empty();
    }
    long rows = Math.min(tags.first(ROWS_PER_STRIP, page.height()), page.height());
    long[] offsets = tags.longs(TiffTags.STRIP_OFFSETS);
    long[] counts = tags.longs(TiffTags.STRIP_BYTE_COUNTS);
    if (rows <= 0 || rows * page.width() * page.dtype().bytes() > Integer.MAX_VALUE - 16
        || offsets.length != (page.height() + rows - 1) / rows
        || counts.length != offsets.length) {
      return Optional.empty(); // odd layouts are left to the general decoder and its checks
    }
    return Optional.of(new TiffStrips(offsets, counts, (int) rows, compression != 1, order));
  }

  /**
   * Decodes rows {@code y0} to {@code y0 + h} and columns {@code x0} to {@code x0 + w} of the
   * page into {@code out} (little-endian, rows of {@code w} samples) at byte {@code at}.
   */
  void read(FileChannel ch, TiffPage page, int x0, int y0, int w, int h, byte[] out, int at,
      String where) throws IOException {
    int bytes = page.dtype().bytes();
    int rowBytes = page.width() * bytes;
    int first = y0 / rowsPerStrip;
    int last = (y0 + h - 1) / rowsPerStrip;
    Inflater inflater = deflate ? new Inflater() : null;
    try {
      byte[] stored = new byte[0];
      byte[] strip = new byte[rowsPerStrip * rowBytes];
      for (int s = first; s <= last; s++) {
        int stripRows = Math.min(rowsPerStrip, page.height() - s * rowsPerStrip);
        int need = stripRows * rowBytes;
        if (counts[s] > Integer.MAX_VALUE - 16) {
          throw new CorruptDataException(where + ": strip " + s + " is too large");
        }
        int n = (int) counts[s];
        if (stored.length < n) {
          stored = new byte[n];
        }
        readFully(ch, offsets[s], stored, n, where);
        if (deflate) {
          inflate(inflater, stored, n, strip, need, where, s);
        } else if (n < need) {
          throw new CorruptDataException(where + ": strip " + s + " holds " + n + " bytes, "
              + need + " expected");
        } else {
          System.arraycopy(stored, 0, strip, 0, need);
        }
        int from = Math.max(y0, s * rowsPerStrip);
        int to = Math.min(y0 + h, s * rowsPerStrip + stripRows);
        for (int y = from; y < to; y++) {
          int dst = at + (y - y0) * w * bytes;
          System.arraycopy(strip, (y - s * rowsPerStrip) * rowBytes + x0 * bytes, out, dst,
              w * bytes);
          if (order == ByteOrder.BIG_ENDIAN && bytes > 1) {
            swap(out, dst, w * bytes, bytes);
          }
        }
      }
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
  }

  private static void inflate(Inflater inflater, byte[] stored, int n, byte[] strip, int need,
      String where, int s) {
    inflater.reset();
    inflater.setInput(stored, 0, n);
    int done = 0;
    try {
      while (done < need) {
        int k = inflater.inflate(strip, done, need - done);
        if (k == 0) {
          break; // finished, starved of input or asking for a dictionary: all mean too short
        }
        done += k;
      }
    } catch (DataFormatException e) {
      throw new CorruptDataException(where + ": strip " + s + " is not valid deflate data: "
          + e.getMessage(), e);
    }
    if (done < need) {
      throw new CorruptDataException(where + ": strip " + s + " inflates to " + done
          + " bytes, " + need + " expected");
    }
  }

  private static void readFully(FileChannel ch, long at, byte[] into, int n, String where)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into, 0, n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new CorruptDataException(where + " is truncated: a strip at byte " + at
            + " runs past the end of the file");
      }
    }
  }

  private static void swap(byte[] a, int from, int length, int width) {
    for (int i = from; i + width <= from + length; i += width) {
      for (int p = i, q = i + width - 1; p < q; p++, q--) {
        byte t = a[p];
        a[p] = a[q];
        a[q] = t;
      }
    }
  }
}
