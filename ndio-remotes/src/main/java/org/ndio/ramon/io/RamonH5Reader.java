package org.ndio.ramon.io;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ndio.NdioException;
import org.ndio.RamonException;
import org.ndio.format.hdf5.Hdf5Bytes;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Location;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** Reads the objects of an HDF5 file in ndstore's layout, one top-level group each. */
final class RamonH5Reader {

  private static final Pattern DECIMAL = Pattern.compile("\\d+");
  private static final Set<String> NODE_FIELDS =
      Set.of("NODETYPE", "PARENTID", "SKELETONID", "RADIUS", "CHILDREN", "LOCATION");
  private static final Set<String> SKELETON_FIELDS = Set.of("SKELETONTYPE", "ROOTNODE", "NODES");

  private RamonH5Reader() {}

  /** The objects of {@code root}, numbered ids ascending, then new objects by group name. */
  static List<RamonObject> read(Group root, String source, TypeCodes codes) {
    List<Map.Entry<String, Node>> children = new ArrayList<>(root.getChildren().entrySet());
    children.sort(Comparator.comparing((Map.Entry<String, Node> e) -> idOf(e.getKey()) == 0)
        .thenComparingLong(e -> idOf(e.getKey())).thenComparing(Map.Entry::getKey));
    List<RamonObject> out = new ArrayList<>();
    for (Map.Entry<String, Node> e : children) {
      String where = source + "#/" + e.getKey();
      if (!(e.getValue() instanceof Group g) || e.getValue() instanceof io.jhdf.api.Link) {
        throw new RamonException(where + " is a " + kind(e.getValue()) + ", not an object"
            + " group" + (e.getKey().equals("ANNOIDS") ? " (this is an id list reply)" : ""));
      }
      out.add(object(g, e.getKey(), where, codes));
    }
    return out;
  }

  /** The id a group name gives: a decimal number, else 0 (a new object, as ndstore reads). */
  static long idOf(String name) {
    if (!DECIMAL.matcher(name).matches()) {
      return 0;
    }
    String digits = name.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 10 || Long.parseLong(digits) > RamonObject.MAX_ID) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  private static RamonObject object(Group g, String name, String where, TypeCodes codes) {
    long id = idOf(name);
    if (id < 0) {
      throw new RamonException(where + ": group name " + name + " is not a valid id (1 to "
          + RamonObject.MAX_ID + ")");
    }
    RamonDraft d = new RamonDraft();
    d.id = id;
    Node md = g.getChild("METADATA");
    Group meta = null;
    if (md != null) {
      if (!(md instanceof Group mg)) {
        throw new RamonException(where + "/METADATA is a " + kind(md) + ", not a group");
      }
      meta = mg;
    }
    Group m = meta;
    long code = has(g, "ANNOTATION_TYPE")
        ? H5Values.integer(ds(g, "ANNOTATION_TYPE", where), where + "/ANNOTATION_TYPE")
        : RamonType.GENERIC.serverCode().getAsInt();
    RamonType type = codes.resolve(code, t -> m != null && (t == RamonType.NODE
        ? NODE_FIELDS.stream().anyMatch(f -> has(m, f))
        : SKELETON_FIELDS.stream().anyMatch(f -> has(m, f))), where);
    d.voxels = voxels(g, where);
    if (meta != null) {
      common(d, meta, where + "/METADATA");
      fields(d, type, meta, where + "/METADATA");
    }
    return d.build(type, where);
  }

  private static Optional<RamonVoxels> voxels(Group g, String where) {
    boolean cutout = has(g, "CUTOUT");
    boolean offset = has(g, "XYZOFFSET");
    boolean list = has(g, "VOXELS");
    if (cutout && list) {
      throw new RamonException(where + " holds both CUTOUT and VOXELS; expected one");
    }
    int res = has(g, "RESOLUTION")
        ? toInt(H5Values.integer(ds(g, "RESOLUTION", where), where + "/RESOLUTION"),
            where + "/RESOLUTION")
        : 0;
    if (list) {
      Dataset v = ds(g, "VOXELS", where);
      long[] dims = v.getDimensionsAsLong();
      if (dims.length != 2 || dims[1] != 3) {
        throw new RamonException(where + "/VOXELS has shape " + H5Values.shape(dims)
            + "; expected (n, 3) x,y,z rows");
      }
      return Optional.of(new VoxelList(res, H5Values.integers(v, where + "/VOXELS")));
    }
    if (cutout != offset && !has(g, "XYZDIMENSION")) {
      throw new RamonException(where + " holds " + (cutout ? "CUTOUT without XYZOFFSET"
          : "XYZOFFSET without CUTOUT") + "; expected both");
    }
    if (!cutout) {
      // ndstore writes an empty voxel list as RESOLUTION alone (a cuboid reply adds CUBOIDS)
      boolean emptyList = has(g, "RESOLUTION") && !offset && !has(g, "XYZDIMENSION")
          && !has(g, "CUBOIDS");
      return emptyList ? Optional.of(new VoxelList(res, new long[0])) : Optional.empty();
    }
    long[] corner = H5Values.triple(ds(g, "XYZOFFSET", where), where + "/XYZOFFSET");
    Volume data;
    try {
      data = Hdf5Bytes.volume(ds(g, "CUTOUT", where), where + "/CUTOUT");
    } catch (RamonException e) {
      throw e;
    } catch (NdioException e) {
      throw new RamonException(e.getMessage(), e);
    }
    if (data.dtype().isFloat()) {
      throw new RamonException(where + "/CUTOUT holds " + data.dtype().numpyName()
          + " values; expected integer labels");
    }
    try {
      BoundingBox box = BoundingBox.at(corner[0], corner[1], corner[2], data.sizeX(),
          data.sizeY(), data.sizeZ()).atResolution(res);
      return Optional.of(new Cutout(box, data));
    } catch (NdioException e) {
      throw new RamonException(where + "/CUTOUT: " + e.getMessage(), e);
    }
  }

  private static void common(RamonDraft d, Group m, String where) {
    if (has(m, "STATUS")) {
      d.status = toInt(H5Values.integer(ds(m, "STATUS", where), where + "/STATUS"),
          where + "/STATUS");
    }
    if (has(m, "CONFIDENCE")) {
      d.confidence = H5Values.number(ds(m, "CONFIDENCE", where), where + "/CONFIDENCE");
    }
    if (has(m, "AUTHOR")) {
      d.author = H5Values.text(ds(m, "AUTHOR", where), where + "/AUTHOR");
    }
    if (has(m, "KVPAIRS")) {
      d.keyValues = KeyValueCsv.read(H5Values.text(ds(m, "KVPAIRS", where), where
          + "/KVPAIRS"), where + "/KVPAIRS");
    }
  }

  private static void fields(RamonDraft d, RamonType type, Group m, String where) {
    switch (type) {
      case SYNAPSE -> {
        String st = has(m, "SYNAPSE_TYPE") ? "SYNAPSE_TYPE" : "SYNAPSETYPE";
        if (has(m, st)) {
          d.synapseType = integer(m, st, where);
        }
        if (has(m, "WEIGHT")) {
          d.weight = H5Values.number(ds(m, "WEIGHT", where), where + "/WEIGHT");
        }
        d.seeds = ids(m, "SEEDS", where);
        d.synSegments = ids(m, "SEGMENTS", where);
        d.synPre = ids(m, "PRESEGMENTS", where);
        d.synPost = has(m, "POSTSEGMENTS") ? ids(m, "POSTSEGMENTS", where)
            : ids(m, "SPOSTEGMENTS", where);
        d.centroid = point(m, "CENTROID", where);
      }
      case SEED -> {
        d.parent = link(m, "PARENT", where);
        d.position = point(m, "POSITION", where);
        if (has(m, "CUBE_LOCATION")) {
          d.cubeLocation = integer(m, "CUBE_LOCATION", where);
        }
        d.source = link(m, "SOURCE", where);
      }
      case SEGMENT -> {
        if (has(m, "SEGMENTCLASS")) {
          d.segmentClass = integer(m, "SEGMENTCLASS", where);
        }
        d.parentSeed = link(m, "PARENTSEED", where);
        d.neuron = link(m, "NEURON", where);
        d.synapses = ids(m, "SYNAPSES", where);
        d.organelles = ids(m, "ORGANELLES", where);
      }
      case NEURON -> d.segments = ids(m, "SEGMENTS", where);
      case ORGANELLE -> {
        if (has(m, "ORGANELLECLASS")) {
          d.organelleClass = integer(m, "ORGANELLECLASS", where);
        }
        d.parentSeed = link(m, "PARENTSEED", where);
        d.segment = link(m, "SEGMENT", where);
        d.seeds = ids(m, "SEEDS", where);
        d.centroid = point(m, "CENTROID", where);
      }
      case NODE -> {
        if (has(m, "NODETYPE")) {
          d.nodeType = integer(m, "NODETYPE", where);
        }
        if (has(m, "PARENTID")) {
          long p = H5Values.integer(ds(m, "PARENTID", where), where + "/PARENTID");
          // ndstore keeps it signed; -1 is the usual "no parent" of skeleton tools.
          d.parent = p == -1 ? 0 : p;
          if (d.parent < 0) {
            throw new RamonException(where + "/PARENTID holds " + p + "; expected an id, 0 or"
                + " -1 for none");
          }
        }
        d.skeleton = link(m, "SKELETONID", where);
        if (has(m, "RADIUS")) {
          d.radius = H5Values.number(ds(m, "RADIUS", where), where + "/RADIUS");
        }
        d.children = ids(m, "CHILDREN", where);
        if (has(m, "LOCATION")) {
          double[] p = H5Values.numberTriple(ds(m, "LOCATION", where), where + "/LOCATION");
          d.location = Optional.of(new Location(p[0], p[1], p[2]));
        }
      }
      case SKELETON -> {
        if (has(m, "SKELETONTYPE")) {
          d.skeletonType = integer(m, "SKELETONTYPE", where);
        }
        d.rootNode = link(m, "ROOTNODE", where);
        d.nodes = ids(m, "NODES", where);
      }
      case ROI -> {
        d.parent = link(m, "PARENT", where);
        d.children = ids(m, "CHILDREN", where);
      }
      default -> {
        // generic, attributed region and volume have only the common fields
      }
    }
  }

  private static int integer(Group m, String name, String where) {
    return toInt(H5Values.integer(ds(m, name, where), where + "/" + name), where + "/" + name);
  }

  private static long link(Group m, String name, String where) {
    if (!has(m, name)) {
      return 0;
    }
    long v = H5Values.integer(ds(m, name, where), where + "/" + name);
    if (v < 0 || v > RamonObject.MAX_ID) {
      throw new RamonException(where + "/" + name + " holds " + v + "; expected an id (0 for"
          + " none)");
    }
    return v;
  }

  private static List<Long> ids(Group m, String name, String where) {
    if (!has(m, name)) {
      return new ArrayList<>();
    }
    List<Long> out = new ArrayList<>();
    for (long v : H5Values.vector(ds(m, name, where), where + "/" + name)) {
      if (v <= 0 || v > RamonObject.MAX_ID) {
        throw new RamonException(where + "/" + name + " holds " + v + "; expected ids (1 to "
            + RamonObject.MAX_ID + ")");
      }
      out.add(v);
    }
    return out;
  }

  private static Optional<Point3> point(Group m, String name, String where) {
    if (!has(m, name)) {
      return Optional.empty();
    }
    long[] p = H5Values.triple(ds(m, name, where), where + "/" + name);
    return Optional.of(new Point3(p[0], p[1], p[2]));
  }

  private static int toInt(long v, String at) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new RamonException(at + " holds " + v + "; expected a small code or level");
    }
    return (int) v;
  }

  static boolean has(Group g, String name) {
    return g.getChildren().containsKey(name);
  }

  static Dataset ds(Group g, String name, String where) {
    Node n = g.getChild(name);
    if (n instanceof Dataset d) {
      return d;
    }
    throw new RamonException(where + "/" + name + " is a " + kind(n) + ", not a dataset");
  }

  static String kind(Node n) {
    if (n == null) {
      return "missing object";
    }
    if (n instanceof io.jhdf.api.Link) {
      return "link";
    }
    return n instanceof Group ? "group" : n instanceof Dataset ? "dataset" : "other object";
  }
}
