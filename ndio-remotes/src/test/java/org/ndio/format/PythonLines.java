package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Parses the lines a reference script prints about each array it wrote, and checks a volume
 * against them. A line is {@code ARRAY name dtype sx sy sz crc box subcrc probe...}, where crc
 * is zlib.crc32 of the C-order little-endian bytes of {@code a[z, y, x]}, subcrc that of the
 * box's slice, and each probe {@code x,y,z=value} one voxel's value as Python prints it.
 */
public final class PythonLines {

  /** One array as the reference saw it. */
  public record Expected(String name, DataType dtype, int sx, int sy, int sz, long crc,
      BoundingBox box, long boxCrc, List<String> probes) {

    /** Checks type, shape, checksum and every probed voxel of the whole volume. */
    public void check(Volume v) {
      assertEquals(dtype, v.dtype(), name + ": dtype");
      assertEquals(List.of(sx, sy, sz), List.of(v.sizeX(), v.sizeY(), v.sizeZ()),
          name + ": shape (x, y, z)");
      assertEquals(crc, v.checksum(), name + ": checksum of all voxels");
      for (String p : probes) {
        String[] kv = p.split("=", 2);
        String[] xyz = kv[0].split(",");
        int x = Integer.parseInt(xyz[0]);
        int y = Integer.parseInt(xyz[1]);
        int z = Integer.parseInt(xyz[2]);
        checkValue(v, x, y, z, kv[1], name + ": voxel " + kv[0]);
      }
    }
  }

  private PythonLines() {}

  /** Every {@code ARRAY} line of {@code output}, by name. */
  public static Map<String, Expected> arrays(String output) {
    Map<String, Expected> out = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length < 9 || !f[0].equals("ARRAY")) {
        continue;
      }
      out.put(f[1], new Expected(f[1], DataType.fromName(f[2]), Integer.parseInt(f[3]),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]),
          BoundingBox.parse(f[7]), Long.parseLong(f[8]), List.of(f).subList(9, f.length)));
    }
    assertTrue(!out.isEmpty(), "the reference script reported no arrays:\n" + output);
    return out;
  }

  /** Lines {@code TAG name<TAB>text}, by name. */
  public static Map<String, String> tagged(String output, String tag) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(tag + " ")) {
        String[] f = line.substring(tag.length() + 1).split("\t", 2);
        out.put(f[0], f.length > 1 ? f[1].strip() : "");
      }
    }
    return out;
  }

  /** Compares one voxel with a value as Python prints it (an int, or a float's repr). */
  public static void checkValue(Volume v, int x, int y, int z, String expected, String what) {
    if (v.dtype().isFloat()) {
      double e = Double.parseDouble(expected);
      double a = v.getDouble(x, y, z);
      assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(a),
          what + ": expected " + e + ", got " + a);
    } else if (v.dtype() == DataType.UINT64) {
      assertEquals(expected, Long.toUnsignedString(v.getLong(x, y, z)), what);
    } else {
      assertEquals(Long.parseLong(expected), v.getLong(x, y, z), what);
    }
  }

  /** The python helper lines every reference script starts with. */
  public static final String PRELUDE = """
      import sys, os, zlib
      import numpy as np
      sys.stdout.reconfigure(encoding='utf-8')

      def crc(a):
          a = np.ascontiguousarray(a)
          return zlib.crc32(a.astype(a.dtype.newbyteorder('<')).tobytes())

      def value(v):
          if isinstance(v, np.floating):
              f = float(v)
              if f != f:
                  return 'NaN'
              if f in (float('inf'), float('-inf')):
                  return ('-' if f < 0 else '') + 'Infinity'
              return repr(f)
          return str(int(v))

      def emit(name, a3, box):
          # a3 is indexed [z, y, x]; box is (x0, x1, y0, y1, z0, z1).
          z, y, x = a3.shape
          x0, x1, y0, y1, z0, z1 = box
          sub = a3[z0:z1, y0:y1, x0:x1]
          probes = [(0, 0, 0), (z - 1, y - 1, x - 1), (min(1, z - 1), min(2, y - 1), min(3, x - 1))]
          ps = ' '.join('%d,%d,%d=%s' % (px, py, pz, value(a3[pz, py, px]))
                        for (pz, py, px) in probes)
          print('ARRAY', name, a3.dtype.name, x, y, z, crc(a3),
                '%d:%d,%d:%d,%d:%d' % box, crc(sub), ps)

      TYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64',
               'float32', 'float64']
      rng = np.random.default_rng(20240607)

      def make(t, shape):
          dt = np.dtype(t)
          if dt.kind == 'f':
              a = (rng.standard_normal(shape) * 1000).astype(dt)
              a.flat[0] = np.inf
              a.flat[1] = -0.0
          else:
              i = np.iinfo(dt)
              a = rng.integers(i.min, i.max, size=shape, dtype=dt, endpoint=True)
              a.flat[0] = i.min
              a.flat[1] = i.max
          return a
      """;
}
