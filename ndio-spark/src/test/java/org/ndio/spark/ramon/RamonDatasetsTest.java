package org.ndio.spark.ramon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.InvalidUrlException;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.SynapseLink;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.RamonRead;
import org.ndio.remote.RamonTestObjects;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import scala.jdk.javaapi.CollectionConverters;

/**
 * RAMON objects of every type posted to ndio's NeuroData server through the client, read back
 * as rows in parallel (3 ids per request, so several batches and partitions): each row holds
 * the posted object's fields, and with voxels the count and tight box of the voxels posted.
 */
@ExtendWith(SparkExtension.class)
class RamonDatasetsTest {

  @TempDir
  Path dir;
  EmbeddedServer server;
  String url;

  @BeforeEach
  void start() throws Exception {
    server = NeuroDataServer.start(dir.resolve("server"), 0, Optional.empty(),
        FaultInjection.NONE);
    url = "neurodata+http://127.0.0.1:" + server.port() + "/proj/anno";
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(DataType.UINT32,
        new Size3(64, 64, 16)), WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, Volume.allocate(DataType.UINT32, 64, 64, 16));
      w.commit();
    }
    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      nd.ramon(3).postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rowsHoldEveryFieldOfThePostedObjects(SparkSession spark) {
    List<RamonObject> expected = RamonTestObjects.expected();
    long[] ids = expected.stream().mapToLong(RamonObject::id).toArray();
    List<Row> rows = RamonDatasets.read(spark, url, ids, RamonRead.metadata(), 3)
        .collectAsList();
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertFields(expected.get(i), rows.get(i));
      assertNull(rows.get(i).getAs("voxel_count"));
    }
  }

  @Test
  void rowsWithVoxelsCountAndBoxThem(SparkSession spark) {
    Map<Long, TreeSet<String>> truth = RamonTestObjects.voxelTruth();
    truth.remove(1L); // a seed: ndstore has no voxels for seeds and refuses the read
    long[] ids = truth.keySet().stream().mapToLong(Long::longValue).toArray();
    List<Row> rows = RamonDatasets.read(spark, url, ids, RamonRead.voxels(0), 3)
        .collectAsList();
    Map<Long, RamonObject> byId = new HashMap<>();
    RamonTestObjects.expected().forEach(o -> byId.put(o.id(), o));
    for (Row r : rows) {
      long id = r.getLong(0);
      assertFields(byId.get(id), r);
      TreeSet<String> want = truth.get(id);
      Long count = r.getAs("voxel_count");
      assertEquals(want.size(), count == null ? 0 : count, "voxels of " + id);
      if (!want.isEmpty()) {
        BoundingBox b = RamonTestObjects.box(want);
        assertEquals(List.of(b.x0(), b.y0(), b.z0(), b.x1(), b.y1(), b.z1()),
            List.of(r.getAs("x0"), r.getAs("y0"), r.getAs("z0"), r.getAs("x1"), r.getAs("y1"),
                r.getAs("z1")), "box of " + id);
        assertEquals(0, (int) r.getAs("resolution"));
      }
    }
    assertEquals(truth.size(), rows.size());
  }

  @Test
  void queryReadsTheSelectedObjects(SparkSession spark) {
    List<Row> rows = RamonDatasets.query(spark, url,
        RamonQuery.ALL.withType(RamonType.SEGMENT), RamonRead.metadata()).collectAsList();
    assertEquals(List.of(3L, 4L), rows.stream().map(r -> r.getLong(0)).toList());
    assertEquals(0, RamonDatasets.query(spark, url, RamonQuery.ALL.with("group", "none"),
        RamonRead.metadata()).count());
  }

  /** ndio's server answers an update's ids ascending; the client takes them in any order. */
  @Test
  void updatesInDescendingIdOrderAreAccepted(SparkSession spark) {
    List<RamonObject> twice = new ArrayList<>();
    for (long id : new long[] {13, 12, 6}) {
      RamonObject o = RamonTestObjects.expected().get((int) id - 1);
      twice.add(o.withCommon(o.common().with("checked", "yes")).metadataOnly());
    }
    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      nd.ramon().updateRamon(twice, PostMode.OVERWRITE);
    }
    List<Row> rows = RamonDatasets.query(spark, url, RamonQuery.ALL.with("checked", "yes"),
        RamonRead.metadata()).collectAsList();
    assertEquals(List.of(6L, 12L, 13L), rows.stream().map(r -> r.getLong(0)).toList());
  }

  @Test
  void fileUrlsAreRefused(SparkSession spark) {
    String file = "zarr:" + dir.resolve("labels");
    TestVolumes.write(file, Volume.allocate(DataType.UINT32, 8, 8, 2), new Size3(8, 8, 2),
        "none");
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> RamonDatasets.read(
        spark, file, new long[] {1}, RamonRead.metadata()));
    assertTrue(e.getMessage().startsWith(file + ": RAMON objects live on remotes"),
        e.getMessage());
  }

  /** Column by column, against the object's own accessors. */
  private static void assertFields(RamonObject o, Row r) {
    assertEquals(o.id(), r.getLong(0));
    assertEquals(o.type().serverName(), r.getAs("type"));
    assertEquals(lower(o.common().status()), r.getAs("status"));
    assertEquals(o.common().confidence(), (double) r.getAs("confidence"));
    assertEquals(o.common().author(), r.getAs("author"));
    assertEquals(o.common().keyValues(),
        CollectionConverters.asJava(r.<scala.collection.Map<String, String>>getAs("key_values")));
    Map<String, Object> want = new HashMap<>();
    if (o instanceof Synapse s) {
      want.put("synapse_type", lower(s.synapseType()));
      want.put("weight", s.weight());
      want.put("segments", s.segments().stream().map(SynapseLink::segment).toList());
      want.put("segment_directions", s.segments().stream().map(l -> lower(l.direction()))
          .toList());
      want.put("seeds", s.seeds());
      point(want, "centroid", s.centroid());
    } else if (o instanceof Seed s) {
      want.put("parent", s.parent());
      point(want, "position", s.position());
      want.put("cube_location", s.cubeLocation());
      want.put("source", s.source());
    } else if (o instanceof Segment s) {
      want.put("segment_class", lower(s.segmentClass()));
      want.put("parent_seed", s.parentSeed());
      want.put("neuron", s.neuron());
      want.put("synapses", s.synapses());
      want.put("organelles", s.organelles());
    } else if (o instanceof Neuron n) {
      want.put("segments", n.segments());
    } else if (o instanceof Organelle g) {
      want.put("organelle_class", lower(g.organelleClass()));
      want.put("segment", g.segment());
      want.put("parent_seed", g.parentSeed());
      want.put("seeds", g.seeds());
      point(want, "centroid", g.centroid());
    } else if (o instanceof Node n) {
      want.put("node_type", n.nodeType());
      want.put("skeleton", n.skeleton());
      want.put("parent", n.parent());
      want.put("radius", n.radius());
      want.put("location_x", n.location().orElseThrow().x());
      want.put("location_y", n.location().orElseThrow().y());
      want.put("location_z", n.location().orElseThrow().z());
      want.put("children", n.children());
    } else if (o instanceof Skeleton k) {
      want.put("skeleton_type", k.skeletonType());
      want.put("root_node", k.rootNode());
      want.put("nodes", k.nodes());
    } else if (o instanceof Roi g) {
      want.put("parent", g.parent());
      want.put("children", g.children());
    }
    List<String> typeColumns = new ArrayList<>(RamonRows.columns().subList(6,
        RamonRows.SCHEMA.fieldIndex("resolution")));
    for (String c : typeColumns) {
      Object got = r.getAs(c);
      if (got instanceof scala.collection.Seq<?> seq) {
        got = new ArrayList<>(CollectionConverters.asJava(seq));
      }
      assertEquals(want.get(c), got, o.type() + " " + o.id() + " column " + c);
    }
  }

  private static void point(Map<String, Object> want, String prefix, Optional<Point3> p) {
    p.ifPresent(q -> {
      want.put(prefix + "_x", q.x());
      want.put(prefix + "_y", q.y());
      want.put(prefix + "_z", q.z());
    });
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
