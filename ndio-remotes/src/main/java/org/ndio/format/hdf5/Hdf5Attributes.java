package org.ndio.format.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.volume.VoxelSize;

/**
 * Dataset attributes and the voxel size among them. The voxel size follows two conventions of
 * the field: {@code resolution} = {@code [z, y, x]} (CREMI, gunpowder, daisy; nanometres
 * unless a {@code unit} string attribute says otherwise), read first, and {@code
 * element_size_um} = {@code [z, y, x]} in micrometres (Fiji's HDF5 plugin, ilastik). ndio writes
 * both (the second where the unit converts to micrometres) plus {@code unit}.
 */
final class Hdf5Attributes {

  static final String RESOLUTION = "resolution";
  static final String UNIT = "unit";
  static final String ELEMENT_SIZE_UM = "element_size_um";

  private static final int MAX_ELEMENTS = 4096;

  private Hdf5Attributes() {}

  /**
   * The node's attributes as JSON-compatible values (strings, numbers, lists); attributes of
   * types that have no such form (compounds, references, large arrays) are left out.
   */
  static Map<String, Object> read(Node node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
      try {
        Object v = json(e.getValue().getData());
        if (v != null) {
          out.put(e.getKey(), v);
        }
      } catch (RuntimeException ex) {
        // an attribute jhdf cannot decode is not needed to read the voxels
      }
    }
    return out;
  }

  private static Object json(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    List<Object> list = new ArrayList<>();
    if (v instanceof byte[] a) {
      for (byte x : a) {
        list.add((int) x);
      }
    } else if (v instanceof short[] a) {
      for (short x : a) {
        list.add((int) x);
      }
    } else if (v instanceof int[] a) {
      for (int x : a) {
        list.add(x);
      }
    } else if (v instanceof long[] a) {
      for (long x : a) {
        list.add(x);
      }
    } else if (v instanceof float[] a) {
      for (float x : a) {
        list.add((double) x);
      }
    } else if (v instanceof double[] a) {
      for (double x : a) {
        list.add(x);
      }
    } else if (v instanceof Object[] a) {
      for (Object x : a) {
        Object item = json(x);
        if (item == null) {
          return null;
        }
        list.add(item);
      }
    } else {
      return null;
    }
    return list.size() <= MAX_ELEMENTS ? list : null;
  }

  /** The voxel size the attributes record, if any (three positive values). */
  static Optional<VoxelSize> voxelSize(Map<String, Object> attrs) {
    Optional<double[]> r = zyx(attrs.get(RESOLUTION));
    if (r.isPresent()) {
      Object unit = attrs.get(UNIT);
      String u = unit instanceof String s && !s.isBlank() ? s.trim() : "nanometer";
      return Optional.of(new VoxelSize(r.get()[2], r.get()[1], r.get()[0], u));
    }
    return zyx(attrs.get(ELEMENT_SIZE_UM))
        .map(v -> new VoxelSize(v[2], v[1], v[0], "micrometer"));
  }

  private static Optional<double[]> zyx(Object v) {
    if (!(v instanceof List<?> list) || list.size() != 3) {
      return Optional.empty();
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      if (!(list.get(i) instanceof Number n)) {
        return Optional.empty();
      }
      out[i] = n.doubleValue();
      if (!(out[i] > 0) || Double.isInfinite(out[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }

  /** Writes {@code attrs} (those HDF5 can hold) and then the voxel size, which wins. */
  static void write(WritableNode node, Map<String, Object> attrs, Optional<VoxelSize> voxel) {
    values(attrs, voxel).forEach(node::putAttribute);
  }

  /**
   * The attributes an HDF5 dataset gets, in writing order, as values of the Java types jhdf
   * writes (String, Long, Double, String[], long[], double[]): {@code attrs} (those HDF5 can
   * hold), then the voxel size, which replaces attributes of the same names.
   */
  static Map<String, Object> values(Map<String, Object> attrs, Optional<VoxelSize> voxel) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      Object v = hdf5Value(e.getValue());
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    if (voxel.isPresent()) {
      VoxelSize s = voxel.get();
      out.put(RESOLUTION, new double[] {s.z(), s.y(), s.x()});
      out.put(UNIT, s.unit());
      double toMicrometres = switch (s.unit()) {
        case "nanometer" -> 1e-3;
        case "micrometer" -> 1;
        case "millimeter" -> 1e3;
        default -> 0;
      };
      if (toMicrometres > 0) {
        out.put(ELEMENT_SIZE_UM, new double[] {s.z() * toMicrometres,
            s.y() * toMicrometres, s.x() * toMicrometres});
      }
    }
    return out;
  }

  // Strings, numbers, booleans and flat lists of numbers or strings; other values (nested
  // maps, mixed lists) have no plain HDF5 attribute form and are left out.
  private static Object hdf5Value(Object v) {
    if (v instanceof String || v instanceof Double || v instanceof Float) {
      return v instanceof Float f ? (double) f : v;
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof BigInteger) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof List<?> list && !list.isEmpty()) {
      if (list.stream().allMatch(x -> x instanceof String)) {
        return list.toArray(new String[0]);
      }
      if (list.stream().allMatch(x -> x instanceof Number && !(x instanceof Double)
          && !(x instanceof Float) && !(x instanceof BigInteger))) {
        return list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
      }
      if (list.stream().allMatch(x -> x instanceof Number)) {
        return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
      }
    }
    return null;
  }
}
