package org.ndio.ramon.io;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.RamonException;
import org.ndio.format.hdf5.Hdf5Array;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.Volume;

/** One RAMON object as the datasets of its group in ndstore's HDF5 layout. */
final class RamonH5Writer {

  private RamonH5Writer() {}

  /** Adds the datasets of {@code o}, in group {@code /name}, to {@code out}. */
  static void add(Map<String, Object> out, String name, RamonObject o, String where) {
    String g = "/" + name + "/";
    String m = g + "METADATA/";
    out.put(g + "ANNOTATION_TYPE", Hdf5Array.uint32(code(o.type())));
    o.voxels().ifPresent(v -> voxels(out, g, v, where));
    out.put(m + "AUTHOR", text(o.common().author(), where + ": author"));
    out.put(m + "CONFIDENCE", Hdf5Array.float64(o.common().confidence()));
    out.put(m + "STATUS", Hdf5Array.uint32(o.common().status().code()));
    out.put(m + "KVPAIRS", text(KeyValueCsv.write(Keys.stored(o, where)),
        where + ": key-value pairs"));
    if (o instanceof Synapse s) {
      out.put(m + "SYNAPSE_TYPE", Hdf5Array.uint32(s.synapseType().code()));
      out.put(m + "WEIGHT", Hdf5Array.float64(s.weight()));
      SynapseLists l = SynapseLists.of(s.segments());
      list(out, m + "SEEDS", s.seeds());
      list(out, m + "SEGMENTS", l.unknown());
      list(out, m + "PRESEGMENTS", l.pre());
      list(out, m + "POSTSEGMENTS", l.post());
      point(out, m + "CENTROID", s.centroid(), where);
    } else if (o instanceof Seed s) {
      out.put(m + "PARENT", Hdf5Array.uint32(s.parent()));
      out.put(m + "CUBE_LOCATION", Hdf5Array.uint32(unsigned(s.cubeLocation(),
          where + ": cube location")));
      out.put(m + "SOURCE", Hdf5Array.uint32(s.source()));
      point(out, m + "POSITION", s.position(), where);
    } else if (o instanceof Segment s) {
      out.put(m + "SEGMENTCLASS", Hdf5Array.uint32(s.segmentClass().code()));
      out.put(m + "PARENTSEED", Hdf5Array.uint32(s.parentSeed()));
      out.put(m + "NEURON", Hdf5Array.uint32(s.neuron()));
      list(out, m + "SYNAPSES", s.synapses());
      list(out, m + "ORGANELLES", s.organelles());
    } else if (o instanceof Neuron n) {
      list(out, m + "SEGMENTS", n.segments());
    } else if (o instanceof Organelle s) {
      out.put(m + "ORGANELLECLASS", Hdf5Array.uint32(s.organelleClass().code()));
      out.put(m + "PARENTSEED", Hdf5Array.uint32(s.parentSeed()));
      if (s.segment() != 0) {
        out.put(m + "SEGMENT", Hdf5Array.uint32(s.segment()));
      }
      list(out, m + "SEEDS", s.seeds());
      point(out, m + "CENTROID", s.centroid(), where);
    } else if (o instanceof Node s) {
      out.put(m + "NODETYPE", Hdf5Array.uint32(unsigned(s.nodeType(), where + ": node type")));
      if (s.parent() > Integer.MAX_VALUE) {
        throw new RamonException(where + ": node parent " + s.parent() + " does not fit the"
            + " signed 32-bit PARENTID ndstore stores");
      }
      out.put(m + "PARENTID", Hdf5Array.int32((int) s.parent()));
      out.put(m + "SKELETONID", Hdf5Array.uint32(s.skeleton()));
      out.put(m + "RADIUS", Hdf5Array.float64(s.radius()));
      list(out, m + "CHILDREN", s.children());
      s.location().ifPresent(p -> out.put(m + "LOCATION",
          Hdf5Array.float64(p.x(), p.y(), p.z())));
    } else if (o instanceof Skeleton s) {
      out.put(m + "SKELETONTYPE", Hdf5Array.uint32(unsigned(s.skeletonType(),
          where + ": skeleton type")));
      out.put(m + "ROOTNODE", Hdf5Array.uint32(s.rootNode()));
      list(out, m + "NODES", s.nodes());
    } else if (o instanceof Roi s) {
      out.put(m + "PARENT", Hdf5Array.uint32(s.parent()));
      list(out, m + "CHILDREN", s.children());
    }
  }

  /** The code stored in {@code ANNOTATION_TYPE}: ndio's own types are generic there. */
  static long code(RamonType t) {
    return t.serverCode().orElse(RamonType.GENERIC.serverCode().getAsInt());
  }

  private static void voxels(Map<String, Object> out, String g, RamonVoxels v, String where) {
    out.put(g + "RESOLUTION", Hdf5Array.uint32(v.resolution()));
    if (v instanceof Cutout c) {
      Volume data = c.data();
      if (data.dtype().isFloat()) {
        throw new RamonException(where + ": cutout holds " + data.dtype().numpyName()
            + " values; RAMON cutouts hold integers");
      }
      long[] corner = {c.box().x0(), c.box().y0(), c.box().z0()};
      for (long x : corner) {
        if (x > RamonObject.MAX_ID) {
          throw new RamonException(where + ": cutout corner " + c.box() + " does not fit the"
              + " unsigned 32-bit XYZOFFSET");
        }
      }
      out.put(g + "XYZOFFSET", Hdf5Array.uint32(corner));
      out.put(g + "CUTOUT", data);
    } else if (v instanceof VoxelList l) {
      long[] xyz = l.xyz();
      for (long x : xyz) {
        if (x > RamonObject.MAX_ID) {
          throw new RamonException(where + ": voxel coordinate " + x + " does not fit the"
              + " unsigned 32-bit VOXELS");
        }
      }
      // As ndstore does, and jhdf writes no empty datasets: RESOLUTION alone is an empty list.
      if (xyz.length > 0) {
        out.put(g + "VOXELS", Hdf5Array.uint32(xyz, 3));
      }
    }
  }

  private static void list(Map<String, Object> out, String path, List<Long> ids) {
    if (!ids.isEmpty()) {
      out.put(path, Hdf5Array.uint32(ids.stream().mapToLong(Long::longValue).toArray()));
    }
  }

  private static void point(Map<String, Object> out, String path, Optional<Point3> p,
      String where) {
    p.ifPresent(q -> {
      if (q.x() < 0 || q.y() < 0 || q.z() < 0 || q.x() > RamonObject.MAX_ID
          || q.y() > RamonObject.MAX_ID || q.z() > RamonObject.MAX_ID) {
        throw new RamonException(where + ": " + path.substring(path.lastIndexOf('/') + 1)
            + " " + q + " does not fit unsigned 32-bit integers");
      }
      out.put(path, Hdf5Array.uint32(q.x(), q.y(), q.z()));
    });
  }

  private static long unsigned(int v, String what) {
    if (v < 0) {
      throw new RamonException(what + " " + v + " is negative; ndstore stores it unsigned");
    }
    return v;
  }

  /** Text as jhdf writes it: a NUL would end it early on read, so it is refused. */
  private static String text(String s, String what) {
    if (s.indexOf('\0') >= 0) {
      throw new RamonException(what + " holds a NUL character, which HDF5 strings cannot");
    }
    return s;
  }
}
