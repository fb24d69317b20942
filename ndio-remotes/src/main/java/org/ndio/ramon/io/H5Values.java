package org.ndio.ramon.io;

import io.jhdf.api.Dataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.ndio.RamonException;

/**
 * The values of small HDF5 datasets (codes, ids, coordinates, text) as a RAMON reader needs
 * them, whatever integer or float type and byte order a writer chose; a wrong shape or type is
 * a {@link RamonException} naming the dataset.
 */
final class H5Values {

  private H5Values() {}

  /** A dataset's element count, checking its shape is {@code ()}, {@code (1,)}. */
  static void requireOne(Dataset d, String at) {
    long[] dims = d.getDimensionsAsLong();
    if (!(dims.length == 0 || (dims.length == 1 && dims[0] == 1))) {
      throw new RamonException(at + " has shape " + shape(dims) + "; expected one value (1,)");
    }
  }

  /** One integer from a {@code ()} or {@code (1,)} integer dataset. */
  static long integer(Dataset d, String at) {
    requireOne(d, at);
    return integers(d, at)[0];
  }

  /** One number from a {@code ()} or {@code (1,)} integer or float dataset. */
  static double number(Dataset d, String at) {
    requireOne(d, at);
    return numbers(d, at)[0];
  }

  /** An integer dataset of shape {@code (n,)}. */
  static long[] vector(Dataset d, String at) {
    long[] dims = d.getDimensionsAsLong();
    if (dims.length != 1) {
      throw new RamonException(at + " has shape " + shape(dims) + "; expected a list (n,)");
    }
    return integers(d, at);
  }

  /** A dataset of shape {@code (3,)} as three integers. */
  static long[] triple(Dataset d, String at) {
    long[] dims = d.getDimensionsAsLong();
    if (dims.length != 1 || dims[0] != 3) {
      throw new RamonException(at + " has shape " + shape(dims) + "; expected x,y,z (3,)");
    }
    return integers(d, at);
  }

  /** A dataset of shape {@code (3,)} as three numbers. */
  static double[] numberTriple(Dataset d, String at) {
    long[] dims = d.getDimensionsAsLong();
    if (dims.length != 1 || dims[0] != 3) {
      throw new RamonException(at + " has shape " + shape(dims) + "; expected x,y,z (3,)");
    }
    return numbers(d, at);
  }

  /** Every element of an integer dataset, C order. */
  static long[] integers(Dataset d, String at) {
    DataType t = d.getDataType();
    if (!(t instanceof FixedPoint fp)) {
      throw new RamonException(at + " holds " + kind(t) + "; expected integers");
    }
    int size = fp.getSize();
    if (fp.getBitOffset() != 0 || fp.getBitPrecision() != size * 8
        || !(size == 1 || size == 2 || size == 4 || size == 8)) {
      throw new RamonException(at + " holds " + fp.getBitPrecision() + "-bit integers in "
          + size + "-byte elements; expected 8, 16, 32 or 64-bit integers");
    }
    ByteBuffer b = raw(d, size, at);
    long[] out = new long[(int) d.getSize()];
    for (int i = 0; i < out.length; i++) {
      long v = switch (size) {
        case 1 -> fp.isSigned() ? b.get() : Byte.toUnsignedLong(b.get());
        case 2 -> fp.isSigned() ? b.getShort() : Short.toUnsignedLong(b.getShort());
        case 4 -> fp.isSigned() ? b.getInt() : Integer.toUnsignedLong(b.getInt());
        default -> b.getLong();
      };
      if (size == 8 && !fp.isSigned() && v < 0) {
        throw new RamonException(at + " holds " + Long.toUnsignedString(v)
            + ", too large for a RAMON field");
      }
      out[i] = v;
    }
    return out;
  }

  /** Every element of an integer or float dataset, C order. */
  static double[] numbers(Dataset d, String at) {
    DataType t = d.getDataType();
    if (t instanceof FixedPoint) {
      return Arrays.stream(integers(d, at)).asDoubleStream().toArray();
    }
    if (!(t instanceof FloatingPoint fp) || !(fp.getSize() == 4 || fp.getSize() == 8)) {
      throw new RamonException(at + " holds " + kind(t) + "; expected numbers");
    }
    ByteBuffer b = raw(d, fp.getSize(), at);
    double[] out = new double[(int) d.getSize()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fp.getSize() == 4 ? b.getFloat() : b.getDouble();
    }
    return out;
  }

  /** The text of a string dataset of shape {@code ()} or {@code (1,)}. */
  static String text(Dataset d, String at) {
    requireOne(d, at);
    Object data;
    try {
      data = d.getData();
    } catch (RuntimeException e) {
      throw new RamonException(at + ": cannot read it: " + e.getMessage(), e);
    }
    if (data instanceof String s) {
      return s;
    }
    if (data instanceof String[] a && a.length == 1) {
      return a[0] == null ? "" : a[0];
    }
    throw new RamonException(at + " holds " + kind(d.getDataType()) + "; expected a string");
  }

  private static ByteBuffer raw(Dataset d, int size, String at) {
    long n = d.getSize();
    if (n > 100_000_000L / size) {
      throw new RamonException(at + " holds " + n + " values; too many for a RAMON field");
    }
    if (!(d instanceof DatasetBase ds)) {
      throw new RamonException(at + ": jhdf gives no raw access to it");
    }
    ByteBuffer b;
    try {
      b = n == 0 || ds.isEmpty() ? ByteBuffer.allocate((int) n * size) : ds.getDataBuffer();
    } catch (RuntimeException e) {
      throw new RamonException(at + ": cannot read it: " + e.getMessage(), e);
    }
    if (b.remaining() != n * size) {
      throw new RamonException(at + ": " + b.remaining() + " bytes stored, " + n * size
          + " expected");
    }
    return b.slice().order(d.getDataType() instanceof FixedPoint fp ? fp.getByteOrder()
        : ((FloatingPoint) d.getDataType()).getByteOrder());
  }

  static String shape(long[] dims) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      b.append(dims[i]).append(i == 0 && dims.length == 1 ? "," : i + 1 < dims.length ? ", " : "");
    }
    return b.append(')').toString();
  }

  private static String kind(DataType t) {
    return t.getClass().getSimpleName().replace("DataType", "").toLowerCase() + " values";
  }
}
