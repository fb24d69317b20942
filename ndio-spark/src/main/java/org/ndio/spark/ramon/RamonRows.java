package org.ndio.spark.ramon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.SynapseLink;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One RAMON object as one row of {@link #SCHEMA}: the common fields, then every type's own
 * fields as nullable columns (null where the object's type has no such field; a link of 0 means
 * none, as the formats store it), then the voxels' level, count and tight box (null when read
 * without voxels). Enumerations are lower-case names ({@code mitochondria}, {@code locked}).
 */
public final class RamonRows {

  private static final DataType LONGS = DataTypes.createArrayType(DataTypes.LongType, false);
  private static final DataType TEXTS = DataTypes.createArrayType(DataTypes.StringType, false);

  /** The columns, in order. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      field("id", DataTypes.LongType, false),
      field("type", DataTypes.StringType, false),
      field("status", DataTypes.StringType, false),
      field("confidence", DataTypes.DoubleType, false),
      field("author", DataTypes.StringType, false),
      field("key_values", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType,
          false), false),
      // synapse
      field("synapse_type", DataTypes.StringType, true),
      field("weight", DataTypes.DoubleType, true),
      field("segments", LONGS, true), // a synapse's (with directions) or a neuron's
      field("segment_directions", TEXTS, true),
      field("seeds", LONGS, true), // synapse, organelle
      field("centroid_x", DataTypes.LongType, true), // synapse, organelle
      field("centroid_y", DataTypes.LongType, true),
      field("centroid_z", DataTypes.LongType, true),
      // segment
      field("segment_class", DataTypes.StringType, true),
      field("parent_seed", DataTypes.LongType, true), // segment, organelle
      field("neuron", DataTypes.LongType, true),
      field("synapses", LONGS, true),
      field("organelles", LONGS, true),
      // organelle
      field("organelle_class", DataTypes.StringType, true),
      field("segment", DataTypes.LongType, true),
      // seed, node, roi
      field("parent", DataTypes.LongType, true),
      field("position_x", DataTypes.LongType, true),
      field("position_y", DataTypes.LongType, true),
      field("position_z", DataTypes.LongType, true),
      field("cube_location", DataTypes.IntegerType, true),
      field("source", DataTypes.LongType, true),
      // node
      field("node_type", DataTypes.IntegerType, true),
      field("skeleton", DataTypes.LongType, true),
      field("radius", DataTypes.DoubleType, true),
      field("location_x", DataTypes.DoubleType, true),
      field("location_y", DataTypes.DoubleType, true),
      field("location_z", DataTypes.DoubleType, true),
      field("children", LONGS, true), // node, roi
      // skeleton
      field("skeleton_type", DataTypes.IntegerType, true),
      field("root_node", DataTypes.LongType, true),
      field("nodes", LONGS, true),
      // voxels
      field("resolution", DataTypes.IntegerType, true),
      field("voxel_count", DataTypes.LongType, true),
      field("x0", DataTypes.LongType, true),
      field("y0", DataTypes.LongType, true),
      field("z0", DataTypes.LongType, true),
      field("x1", DataTypes.LongType, true),
      field("y1", DataTypes.LongType, true),
      field("z1", DataTypes.LongType, true)});

  private RamonRows() {}

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  /** The row of {@code o}. */
  public static Row of(RamonObject o) {
    Object[] v = new Object[SCHEMA.size()];
    RamonCommon c = o.common();
    set(v, "id", c.id());
    set(v, "type", o.type().serverName());
    set(v, "status", name(c.status()));
    set(v, "confidence", c.confidence());
    set(v, "author", c.author());
    set(v, "key_values", CollectionConverters.asScala(Map.copyOf(c.keyValues())));
    if (o instanceof Synapse s) {
      set(v, "synapse_type", name(s.synapseType()));
      set(v, "weight", s.weight());
      set(v, "segments", s.segments().stream().mapToLong(SynapseLink::segment).toArray());
      set(v, "segment_directions", s.segments().stream().map(l -> name(l.direction()))
          .toArray(String[]::new));
      set(v, "seeds", longs(s.seeds()));
      s.centroid().ifPresent(p -> xyz(v, "centroid", p.x(), p.y(), p.z()));
    } else if (o instanceof Seed s) {
      set(v, "parent", s.parent());
      s.position().ifPresent(p -> xyz(v, "position", p.x(), p.y(), p.z()));
      set(v, "cube_location", s.cubeLocation());
      set(v, "source", s.source());
    } else if (o instanceof Segment s) {
      set(v, "segment_class", name(s.segmentClass()));
      set(v, "parent_seed", s.parentSeed());
      set(v, "neuron", s.neuron());
      set(v, "synapses", longs(s.synapses()));
      set(v, "organelles", longs(s.organelles()));
    } else if (o instanceof Neuron n) {
      set(v, "segments", longs(n.segments()));
    } else if (o instanceof Organelle g) {
      set(v, "organelle_class", name(g.organelleClass()));
      set(v, "segment", g.segment());
      set(v, "parent_seed", g.parentSeed());
      set(v, "seeds", longs(g.seeds()));
      g.centroid().ifPresent(p -> xyz(v, "centroid", p.x(), p.y(), p.z()));
    } else if (o instanceof Node n) {
      set(v, "node_type", n.nodeType());
      set(v, "skeleton", n.skeleton());
      set(v, "parent", n.parent());
      set(v, "radius", n.radius());
      n.location().ifPresent(p -> xyz(v, "location", p.x(), p.y(), p.z()));
      set(v, "children", longs(n.children()));
    } else if (o instanceof Skeleton k) {
      set(v, "skeleton_type", k.skeletonType());
      set(v, "root_node", k.rootNode());
      set(v, "nodes", longs(k.nodes()));
    } else if (o instanceof Roi r) {
      set(v, "parent", r.parent());
      set(v, "children", longs(r.children()));
    } // generic, attributed region and volume have only the common fields
    o.voxels().ifPresent(vox -> {
      VoxelStats s = VoxelStats.of(vox);
      set(v, "resolution", vox.resolution());
      set(v, "voxel_count", s.count());
      s.box().ifPresent(b -> {
        set(v, "x0", b.x0());
        set(v, "y0", b.y0());
        set(v, "z0", b.z0());
        set(v, "x1", b.x1());
        set(v, "y1", b.y1());
        set(v, "z1", b.z1());
      });
    });
    return RowFactory.create(v);
  }

  private static void set(Object[] v, String column, Object value) {
    v[SCHEMA.fieldIndex(column)] = value;
  }

  private static void xyz(Object[] v, String prefix, Object x, Object y, Object z) {
    set(v, prefix + "_x", x);
    set(v, prefix + "_y", y);
    set(v, prefix + "_z", z);
  }

  private static long[] longs(List<Long> ids) {
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The column names, for messages and tests. */
  public static List<String> columns() {
    return new ArrayList<>(Arrays.asList(SCHEMA.fieldNames()));
  }
}
