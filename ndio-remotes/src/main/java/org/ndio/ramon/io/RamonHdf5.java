package org.ndio.ramon.io;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ndio.NdioException;
import org.ndio.RamonException;
import org.ndio.format.hdf5.Hdf5Array;
import org.ndio.format.hdf5.Hdf5Bytes;
import org.ndio.ramon.RamonObject;
import org.ndio.volume.BoundingBox;

/**
 * RAMON objects in ndstore's HDF5 layout: one top-level group per object named by its decimal
 * id (any other name, or 0, asks a server for a new id), holding {@code ANNOTATION_TYPE},
 * voxels ({@code RESOLUTION} with {@code XYZOFFSET} and a {@code (z, y, x)} {@code CUTOUT}, or
 * an {@code (n, 3)} {@code VOXELS} list) and a {@code METADATA} group of the type's fields
 * (see README-ramon-formats.md for every dataset). Also the server's id-list and bounding-box
 * replies. Reads never return part of a file: any fault is one {@link RamonException} naming
 * the file and object.
 */
public final class RamonHdf5 {

  private RamonHdf5() {}

  /** The objects as an HDF5 file; an object with id 0 gets a group named {@code newN}. */
  public static byte[] write(List<RamonObject> objects) {
    Map<String, Object> datasets = new LinkedHashMap<>();
    Set<Long> seen = new HashSet<>();
    int fresh = 0;
    for (RamonObject o : objects) {
      String name;
      if (o.id() == 0) {
        name = "new" + (++fresh);
      } else {
        if (!seen.add(o.id())) {
          throw new RamonException("RAMON HDF5: id " + o.id() + " appears twice in one file");
        }
        name = Long.toString(o.id());
      }
      RamonH5Writer.add(datasets, name, o, "RAMON " + o.type().serverName() + " " + name);
    }
    return Hdf5Bytes.write(datasets, -1, "RAMON HDF5");
  }

  /** Writes the objects to {@code file} atomically (a temporary file renamed over it). */
  public static void write(List<RamonObject> objects, Path file) {
    AtomicFile.write(file, write(objects));
  }

  /** The objects in {@code hdf5}, reading type codes 7 and 8 by their fields. */
  public static List<RamonObject> read(byte[] hdf5, String source) {
    return read(hdf5, source, TypeCodes.DETECT);
  }

  /** The objects in {@code hdf5}; {@code source} names it in errors. */
  public static List<RamonObject> read(byte[] hdf5, String source, TypeCodes codes) {
    return reading(hdf5, source, f -> RamonH5Reader.read(f.root(), source, codes));
  }

  /** The objects in {@code file}. */
  public static List<RamonObject> read(Path file, TypeCodes codes) {
    return read(AtomicFile.read(file), file.toString(), codes);
  }

  /** The objects in {@code file}, reading type codes 7 and 8 by their fields. */
  public static List<RamonObject> read(Path file) {
    return read(file, TypeCodes.DETECT);
  }

  /** An id-list reply: root dataset {@code ANNOIDS} uint32 {@code (n,)}, absent when empty. */
  public static byte[] writeIds(long[] ids) {
    Map<String, Object> datasets = new LinkedHashMap<>();
    for (long id : ids) {
      if (id <= 0 || id > RamonObject.MAX_ID) {
        throw new RamonException("RAMON id list: " + id + " is not an id (1 to "
            + RamonObject.MAX_ID + ")");
      }
    }
    if (ids.length > 0) {
      datasets.put("/ANNOIDS", Hdf5Array.uint32(ids));
    }
    return Hdf5Bytes.write(datasets, -1, "RAMON id list");
  }

  /** The ids of an id-list reply (none when {@code ANNOIDS} is absent). */
  public static long[] readIds(byte[] hdf5, String source) {
    return reading(hdf5, source, f -> {
      Node n = f.root().getChild("ANNOIDS");
      if (n == null) {
        return new long[0];
      }
      if (!(n instanceof Dataset d)) {
        throw new RamonException(source + "#/ANNOIDS is a " + RamonH5Reader.kind(n)
            + ", not a dataset");
      }
      long[] ids = H5Values.vector(d, source + "#/ANNOIDS");
      for (long id : ids) {
        if (id <= 0 || id > RamonObject.MAX_ID) {
          throw new RamonException(source + "#/ANNOIDS holds " + id + "; expected ids (1 to "
              + RamonObject.MAX_ID + ")");
        }
      }
      return ids;
    });
  }

  /**
   * A bounding-box reply: group {@code /id} holding {@code RESOLUTION}, {@code XYZOFFSET}
   * (the box's low corner) and {@code XYZDIMENSION} (its size), all uint32.
   */
  public static byte[] writeBoundingBoxes(Map<Long, BoundingBox> boxes) {
    Map<String, Object> datasets = new LinkedHashMap<>();
    for (Map.Entry<Long, BoundingBox> e : boxes.entrySet()) {
      BoundingBox b = e.getValue();
      long id = e.getKey();
      if (id <= 0 || id > RamonObject.MAX_ID || b.x1() > RamonObject.MAX_ID
          || b.y1() > RamonObject.MAX_ID || b.z1() > RamonObject.MAX_ID || b.x0() < 0
          || b.y0() < 0 || b.z0() < 0) {
        throw new RamonException("RAMON bounding box of " + id + ": id or box " + b
            + " does not fit unsigned 32-bit integers");
      }
      String g = "/" + id + "/";
      datasets.put(g + "RESOLUTION", Hdf5Array.uint32(b.resolution()));
      datasets.put(g + "XYZOFFSET", Hdf5Array.uint32(b.x0(), b.y0(), b.z0()));
      datasets.put(g + "XYZDIMENSION", Hdf5Array.uint32(b.sizeX(), b.sizeY(), b.sizeZ()));
    }
    return Hdf5Bytes.write(datasets, -1, "RAMON bounding boxes");
  }

  /** A bounding-box reply for one object. */
  public static byte[] writeBoundingBox(long id, BoundingBox box) {
    return writeBoundingBoxes(Map.of(id, box));
  }

  /** The boxes of a bounding-box reply by id, in id order. */
  public static Map<Long, BoundingBox> readBoundingBoxes(byte[] hdf5, String source) {
    return reading(hdf5, source, f -> {
      Map<Long, BoundingBox> out = new TreeMap<>();
      for (Map.Entry<String, Node> e : f.root().getChildren().entrySet()) {
        String where = source + "#/" + e.getKey();
        long id = RamonH5Reader.idOf(e.getKey());
        if (id <= 0 || !(e.getValue() instanceof Group g)) {
          throw new RamonException(where + ": expected a group named by an object id");
        }
        long res = RamonH5Reader.has(g, "RESOLUTION") ? H5Values.integer(
            RamonH5Reader.ds(g, "RESOLUTION", where), where + "/RESOLUTION") : 0;
        long[] c = H5Values.triple(RamonH5Reader.ds(g, "XYZOFFSET", where),
            where + "/XYZOFFSET");
        long[] s = H5Values.triple(RamonH5Reader.ds(g, "XYZDIMENSION", where),
            where + "/XYZDIMENSION");
        if (res > Integer.MAX_VALUE) {
          throw new RamonException(where + "/RESOLUTION holds " + res);
        }
        try {
          out.put(id, BoundingBox.at(c[0], c[1], c[2], s[0], s[1], s[2])
              .atResolution((int) res));
        } catch (NdioException x) {
          throw new RamonException(where + ": " + x.getMessage(), x);
        }
      }
      return out;
    });
  }

  /** The box of a reply holding exactly one object. */
  public static BoundingBox readBoundingBox(byte[] hdf5, String source) {
    Map<Long, BoundingBox> boxes = readBoundingBoxes(hdf5, source);
    if (boxes.size() != 1) {
      throw new RamonException(source + ": expected one bounding box, found " + boxes.size());
    }
    return boxes.values().iterator().next();
  }

  /** What a read does with the opened file. */
  private interface Reading<T> {
    T from(Hdf5Bytes file);
  }

  /**
   * Opens {@code hdf5}, reads it with {@code body} and closes it; every failure becomes a
   * {@link RamonException} naming {@code source}.
   */
  private static <T> T reading(byte[] hdf5, String source, Reading<T> body) {
    try (Hdf5Bytes f = open(hdf5, source)) {
      return body.from(f);
    } catch (RamonException e) {
      throw e;
    } catch (NdioException e) {
      throw new RamonException(source + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // jhdf reports a damaged file with its own exceptions, some unchecked Java ones
      throw new RamonException(source + ": damaged or unreadable HDF5 file: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  private static Hdf5Bytes open(byte[] hdf5, String source) {
    if (hdf5 == null || hdf5.length == 0) {
      throw new RamonException(source + ": empty, not an HDF5 file");
    }
    try {
      return Hdf5Bytes.open(hdf5, source);
    } catch (NdioException e) {
      throw new RamonException(e.getMessage(), e);
    }
  }
}
