package org.ndio.format.hdf5;

import java.nio.charset.StandardCharsets;

/**
 * Attribute messages for the values {@link Hdf5Attributes#values} gives, with the HDF5 types
 * jhdf's writer gives them, so both writers make the same attributes: strings as null-terminated
 * fixed-length UTF-8 (the longest string's bytes plus one), integers as int64, floats as
 * float64; arrays one-dimensional, single values scalar.
 */
final class Hdf5AttributeEncoder {

  private Hdf5AttributeEncoder() {}

  static Hdf5Message encode(String name, Object value) {
    if (value instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return Hdf5Message.attribute(name, Hdf5Datatype.string(b.length + 1),
          Hdf5Message.scalarDataspace(), new LittleEndianOut().bytes(b).u8(0).toArray());
    }
    if (value instanceof Long v) {
      return Hdf5Message.attribute(name, Hdf5Datatype.integer(8, true),
          Hdf5Message.scalarDataspace(), new LittleEndianOut().u64(v).toArray());
    }
    if (value instanceof Double v) {
      return Hdf5Message.attribute(name, Hdf5Datatype.float64(),
          Hdf5Message.scalarDataspace(),
          new LittleEndianOut().u64(Double.doubleToRawLongBits(v)).toArray());
    }
    if (value instanceof long[] a) {
      LittleEndianOut o = new LittleEndianOut();
      for (long v : a) {
        o.u64(v);
      }
      return Hdf5Message.attribute(name, Hdf5Datatype.integer(8, true),
          Hdf5Message.dataspace(a.length), o.toArray());
    }
    if (value instanceof double[] a) {
      LittleEndianOut o = new LittleEndianOut();
      for (double v : a) {
        o.u64(Double.doubleToRawLongBits(v));
      }
      return Hdf5Message.attribute(name, Hdf5Datatype.float64(),
          Hdf5Message.dataspace(a.length), o.toArray());
    }
    if (value instanceof String[] a) {
      byte[][] b = new byte[a.length][];
      int width = 1;
      for (int i = 0; i < a.length; i++) {
        b[i] = a[i].getBytes(StandardCharsets.UTF_8);
        width = Math.max(width, b[i].length + 1);
      }
      LittleEndianOut o = new LittleEndianOut();
      for (byte[] s : b) {
        o.bytes(s).bytes(new byte[width - s.length]);
      }
      return Hdf5Message.attribute(name, Hdf5Datatype.string(width),
          Hdf5Message.dataspace(a.length), o.toArray());
    }
    throw new IllegalArgumentException("no HDF5 attribute form for " + value.getClass());
  }
}
