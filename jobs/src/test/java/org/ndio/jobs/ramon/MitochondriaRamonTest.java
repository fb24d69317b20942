package org.ndio.jobs.ramon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.Ndio;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.count.PostRamon;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.OrganelleClass;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.RamonRead;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.spark.SparkExtension;
import org.ndio.spark.ramon.RamonDatasets;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The mitochondria of the shared ssTEM stack (mask > 0, 6-connected), counted and posted as
 * organelles to ndio's NeuroData server, then read back: the same objects, each with the voxels
 * of the count's label volume and the table's voxel count, centroid and box.
 */
@ExtendWith(SparkExtension.class)
class MitochondriaRamonTest {

  /** The whole stack (1024 x 1024 x 20 voxels). */
  static final BoundingBox BOX = BoundingBox.parse("0:1024,0:1024,0:20");

  @TempDir
  Path dir;
  EmbeddedServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    server = NeuroDataServer.start(dir.resolve("server"), 0, Optional.empty(),
        FaultInjection.NONE);
    base = "neurodata+http://127.0.0.1:" + server.port() + "/vnc/";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String channel(String name, DataType dtype) throws Exception {
    String url = base + name;
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(dtype, new Size3(1024, 1024, 20)),
        WriteMode.ERROR_IF_EXISTS)) {
      w.commit();
    }
    return url;
  }

  @Test
  void countedMitochondriaReadBackAsTheCountFoundThem(SparkSession spark) throws Exception {
    Path stack = SharedData.drosophilaStack();
    String url = channel("mito", DataType.UINT32);
    String source = "png:" + stack.resolve("mitochondria");
    String labels = "zarr:" + dir.resolve("labels");
    long t0 = System.nanoTime();
    Dataset<Row> table = CellCount.run(spark, source, CountOptions.threshold(1).withBox(BOX)
        .withCuboid(new Size3(256, 256, 8)).withLabelsOut(labels));
    long t1 = System.nanoTime();
    PostRamon.Posted posted = PostRamon.run(spark, table, labels, BOX, PostRamon.check(
        new PostRamon.Request(url, RamonType.ORGANELLE, OrganelleClass.MITOCHONDRIA, 0), BOX));
    long t2 = System.nanoTime();
    List<Row> counted = table.orderBy("id").collectAsList();
    assertTrue(counted.size() > 10, "mitochondria in the box: " + counted.size());
    assertEquals(counted.size(), posted.count());

    List<Row> rows = RamonDatasets.query(spark, url,
        RamonQuery.ALL.withType(RamonType.ORGANELLE), RamonRead.voxels(0)).collectAsList();
    long t3 = System.nanoTime();
    assertEquals(counted.size(), rows.size());
    Map<Long, Row> byId = new HashMap<>();
    rows.forEach(r -> byId.put(r.getLong(0), r));
    for (Row c : counted) {
      long id = posted.first() + c.getLong(0) - 1;
      Row r = byId.get(id);
      assertEquals("mitochondria", r.getAs("organelle_class"));
      assertEquals("ndio count", r.getAs("author"));
      Map<String, String> kv = CollectionConverters.asJava(
          r.<scala.collection.Map<String, String>>getAs("key_values"));
      assertEquals(Map.of("voxels", Long.toString(c.getLong(1)), "centroid",
          c.getDouble(2) + "," + c.getDouble(3) + "," + c.getDouble(4), "label", "1"), kv);
      assertEquals(c.getLong(1), (long) r.getAs("voxel_count"), "voxels of " + id);
      for (String axis : new String[] {"x0", "y0", "z0", "x1", "y1", "z1"}) {
        assertEquals(c.getLong(c.fieldIndex(axis)), (long) r.getAs(axis), axis + " of " + id);
      }
    }

    // Voxel for voxel: each object's tight cutout against the count's label volume, and the
    // remote's label channel over the box against it (ids shifted by the reserved range).
    Volume truth;
    try (VolumeReader r = Volumes.open(labels)) {
      truth = r.readAll();
    }
    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      long[] ids = rows.stream().mapToLong(r -> r.getLong(0)).limit(40).toArray();
      for (RamonObject o : nd.ramon().getRamon(ids, RamonRead.cutout(0))) {
        assertTrue(o instanceof Organelle);
        Cutout cut = (Cutout) o.voxels().orElseThrow();
        long countId = o.id() - posted.first() + 1;
        Volume d = cut.data();
        for (int z = 0; z < d.sizeZ(); z++) {
          for (int y = 0; y < d.sizeY(); y++) {
            for (int x = 0; x < d.sizeX(); x++) {
              long lx = cut.box().x0() + x - BOX.x0();
              long ly = cut.box().y0() + y - BOX.y0();
              long lz = cut.box().z0() + z - BOX.z0();
              assertEquals(truth.getLong((int) lx, (int) ly, (int) lz) == countId,
                  d.getLong(x, y, z) != 0, "object " + o.id() + " at " + lx + "," + ly + ","
                      + lz);
            }
          }
        }
      }
      Volume channel = nd.read(BOX);
      for (int z = 0; z < truth.sizeZ(); z++) {
        for (int y = 0; y < truth.sizeY(); y++) {
          for (int x = 0; x < truth.sizeX(); x++) {
            long t = truth.getLong(x, y, z);
            assertEquals(t == 0 ? 0 : posted.first() + t - 1, channel.getLong(x, y, z));
          }
        }
      }
    }
    // The objects' sizes as scipy labels the same masks (independent of the count).
    Python.require("numpy", "scipy", "imageio");
    String script = """
        import sys, glob, json, numpy as np, imageio
        from scipy import ndimage
        fs = sorted(glob.glob(sys.argv[1] + '/*.png'))
        a = np.stack([np.asarray(imageio.imread(f)) for f in fs])
        lab, n = ndimage.label(a[0:20, 0:1024, 0:1024] > 0)
        print(json.dumps(sorted(np.bincount(lab.ravel())[1:].tolist())))
        """;
    List<Long> sizes = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(Python.run(script,
        stack.resolve("mitochondria").toString())).forEach(x -> sizes.add(x.asLong()));
    assertEquals(sizes, rows.stream().map(r -> (Long) r.getAs("voxel_count")).sorted()
        .toList());
    System.out.printf("mitochondria %s: %d objects, count %.1f s, post %.1f s, read %.1f s%n",
        BOX, counted.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
  }

  record Run(int status, String out, String err) {}

  static Run ndio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Ndio.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void commandPostsTheTableAsSegments() throws Exception {
    Path stack = SharedData.drosophilaStack();
    String url = channel("seg", DataType.UINT32);
    Path csv = dir.resolve("mito.csv");
    Run run = ndio("count", "png:" + stack.resolve("mitochondria"), "--threshold", "1",
        "--box", "0:256,512:768,0:20", "--cuboid", "128,128,8", "--out", csv.toString(),
        "--post-ramon", url, "--ramon-type", "segment", "--quiet", "--master", "local[2]");
    assertEquals(0, run.status(), run.err());
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    Matcher m = Pattern.compile("(?s)" + n + " objects\\R" + n + " RAMON objects posted to "
        + Pattern.quote(url) + ", ids (\\d+)-(\\d+)\\R").matcher(run.out());
    assertTrue(m.matches(), run.out());
    long first = Long.parseLong(m.group(1));
    assertEquals(first + n - 1, Long.parseLong(m.group(2)));
    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      long[] ids = nd.ramon().queryRamon(RamonQuery.ALL.withType(RamonType.SEGMENT));
      assertEquals(n, ids.length);
      List<RamonObject> got = nd.ramon().getRamon(ids, RamonRead.metadata());
      for (int i = 0; i < n; i++) {
        String[] c = lines.get(i + 1).split(",");
        RamonObject o = got.get(i);
        assertEquals(first + Long.parseLong(c[0]) - 1, o.id());
        assertEquals(c[1], o.common().keyValues().get("voxels"));
        assertEquals(c[2] + "," + c[3] + "," + c[4], o.common().keyValues().get("centroid"));
      }
    }
  }

  @Test
  void missingOrImageChannelIsRefusedBeforeCounting() throws Exception {
    Path masks = dir.resolve("masks");
    String source = "zarr:" + masks;
    try (VolumeWriter w = Volumes.create(source, VolumeSpec.of(DataType.UINT8,
        new Size3(32, 32, 4)), WriteMode.ERROR_IF_EXISTS)) {
      Volume v = Volume.allocate(DataType.UINT8, 32, 32, 4);
      v.setLong(3, 3, 1, 255);
      w.write(0, 0, 0, v);
      w.commit();
    }
    String image = channel("em", DataType.UINT8);
    String anno = channel("anno", DataType.UINT32);
    for (String[] bad : new String[][] {{base + "nothing", "nothing"}, {image, "annotation"},
        {"zarr:" + masks, "remotes"}}) {
      Path out = dir.resolve("labels-" + bad[1]);
      Run r = ndio("count", source, "--threshold", "1", "--post-ramon", bad[0],
          "--labels-out", "zarr:" + out, "--quiet", "--master", "local[1]");
      assertEquals(1, r.status(), r.out() + r.err());
      assertTrue(r.err().startsWith("ndio: error: ") && r.err().strip().lines().count() == 1,
          r.err());
      assertTrue(r.err().contains(bad[1]), r.err());
      assertFalse(Files.exists(out), "counted before refusing: " + out);
    }
    try (NeuroDataRemote nd = NeuroDataRemote.open(anno)) {
      assertEquals(0, nd.ramon().queryRamon(RamonQuery.ALL).length);
    }
    Run type = ndio("count", source, "--threshold", "1", "--post-ramon", anno, "--ramon-type",
        "synapse", "--quiet");
    assertEquals(1, type.status());
    assertTrue(type.err().contains("synapse") && type.err().strip().lines().count() == 1,
        type.err());
  }
}
