package org.ndio.format.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ndio.DataTypeException;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Moves one section between a {@link Volume} and the single-band images of {@code java.awt}.
 * Sample bits are copied unchanged: an int raster sample holds the low 32 bits of a uint32 voxel,
 * a short one those of an int16 voxel, as the TIFF and PNG codecs store them.
 */
public final class GreyImages {

  private GreyImages() {}

  /** Band {@code band} of {@code raster} as a one-section volume of {@code dtype}. */
  public static Volume section(Raster raster, int band, DataType dtype) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    ByteBuffer out = ByteBuffer.allocate((int) Volume.byteSize(dtype, w, h, 1))
        .order(ByteOrder.LITTLE_ENDIAN);
    if (!copyRows(raster, band, dtype, out)) {
      copySamples(raster, band, dtype, out);
    }
    return Volume.wrap(dtype, w, h, 1, out.array());
  }

  /**
   * Copies whole rows straight from the raster's array where its samples are plain elements of
   * the volume's width (what the TIFF and PNG decoders give for 8- to 64-bit greyscale), ten
   * times faster than sample by sample; returns false for any other layout.
   */
  private static boolean copyRows(Raster raster, int band, DataType dtype, ByteBuffer out) {
    DataBuffer db = raster.getDataBuffer();
    if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)
        || sm.getPixelStride() != 1
        || DataBuffer.getDataTypeSize(db.getDataType()) != dtype.bytes() * 8) {
      return false;
    }
    int w = raster.getWidth();
    int smx = raster.getMinX() - raster.getSampleModelTranslateX();
    int smy = raster.getMinY() - raster.getSampleModelTranslateY();
    int bank = sm.getBankIndices()[band];
    int start = db.getOffsets()[bank] + sm.getOffset(smx, smy, band);
    int stride = sm.getScanlineStride();
    for (int y = 0; y < raster.getHeight(); y++) {
      int from = start + y * stride;
      int to = y * w;
      if (db instanceof DataBufferByte b) {
        out.put(to, b.getData(bank), from, w);
      } else if (db instanceof DataBufferUShort b) {
        out.asShortBuffer().put(to, b.getData(bank), from, w);
      } else if (db instanceof DataBufferShort b) {
        out.asShortBuffer().put(to, b.getData(bank), from, w);
      } else if (db instanceof DataBufferInt b) {
        out.asIntBuffer().put(to, b.getData(bank), from, w);
      } else if (db instanceof DataBufferFloat b) {
        out.asFloatBuffer().put(to, b.getData(bank), from, w);
      } else if (db instanceof DataBufferDouble b) {
        out.asDoubleBuffer().put(to, b.getData(bank), from, w);
      } else {
        return false;
      }
    }
    return true;
  }

  private static void copySamples(Raster raster, int band, DataType dtype, ByteBuffer out) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int x0 = raster.getMinX();
    int y0 = raster.getMinY();
    switch (dtype) {
      case FLOAT32 -> {
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
          raster.getSamples(x0, y0 + y, w, 1, band, row);
          out.asFloatBuffer().put(y * w, row);
        }
      }
      case FLOAT64 -> {
        double[] row = new double[w];
        for (int y = 0; y < h; y++) {
          raster.getSamples(x0, y0 + y, w, 1, band, row);
          out.asDoubleBuffer().put(y * w, row);
        }
      }
      case UINT8, INT8, UINT16, INT16, UINT32, INT32 -> {
        int[] row = new int[w];
        int b = dtype.bytes();
        for (int y = 0; y < h; y++) {
          raster.getSamples(x0, y0 + y, w, 1, band, row);
          int at = y * w * b;
          for (int x = 0; x < w; x++, at += b) {
            switch (b) {
              case 1 -> out.put(at, (byte) row[x]);
              case 2 -> out.putShort(at, (short) row[x]);
              default -> out.putInt(at, row[x]);
            }
          }
        }
      }
      default -> throw new DataTypeException(
          "no image raster holds " + dtype.numpyName() + " samples");
    }
  }

  /**
   * Section {@code z} of {@code v} as a greyscale image: uint8, uint16, uint32 or float32 (the
   * types both ImageIO's TIFF writer and, for the first two, its PNG writer store as such).
   */
  public static BufferedImage image(Volume v, int z) {
    int w = v.sizeX();
    int h = v.sizeY();
    ByteBuffer bytes = ByteBuffer.wrap(v.view(0, 0, z, w, h, 1).toBytes(ByteOrder.LITTLE_ENDIAN))
        .order(ByteOrder.LITTLE_ENDIAN);
    DataBuffer buffer = switch (v.dtype()) {
      case UINT8 -> new DataBufferByte(bytes.array(), bytes.capacity());
      case UINT16 -> {
        short[] s = new short[w * h];
        bytes.asShortBuffer().get(s);
        yield new DataBufferUShort(s, s.length);
      }
      case UINT32 -> {
        int[] s = new int[w * h];
        bytes.asIntBuffer().get(s);
        yield new DataBufferInt(s, s.length);
      }
      case FLOAT32 -> {
        float[] s = new float[w * h];
        bytes.asFloatBuffer().get(s);
        yield new DataBufferFloat(s, s.length);
      }
      default -> throw new DataTypeException(
          "no greyscale image holds " + v.dtype().numpyName() + " samples");
    };
    int type = buffer.getDataType();
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
        new int[] {DataBuffer.getDataTypeSize(type)}, false, false, Transparency.OPAQUE, type);
    WritableRaster raster = Raster.createWritableRaster(
        new PixelInterleavedSampleModel(type, w, h, 1, w, new int[] {0}), buffer, null);
    return new BufferedImage(cm, raster, false, null);
  }
}
