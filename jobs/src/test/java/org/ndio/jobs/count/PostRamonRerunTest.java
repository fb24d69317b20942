package org.ndio.jobs.count;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Posting a count's objects again with the same reserved ids, as a retried task does, whether
 * everything, nothing or a part is already stored, leaves the same objects and labels.
 */
@ExtendWith(SparkExtension.class)
class PostRamonRerunTest {

  @TempDir
  Path dir;
  EmbeddedServer server;

  @BeforeEach
  void start() throws Exception {
    server = NeuroDataServer.start(dir.resolve("server"), 0, Optional.empty(),
        FaultInjection.NONE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rerunsLeaveTheSameObjects(SparkSession spark) throws Exception {
    // Random boxes (some touching, so merged) make a dozen objects, most cut by the cuboids.
    Volume v = Volume.allocate(DataType.UINT8, 48, 40, 8);
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 14; i++) {
      int x0 = random.nextInt(40);
      int y0 = random.nextInt(32);
      int z0 = random.nextInt(6);
      int sx = 1 + random.nextInt(8);
      int sy = 1 + random.nextInt(8);
      int sz = 1 + random.nextInt(3);
      for (int z = z0; z < Math.min(8, z0 + sz); z++) {
        for (int y = y0; y < y0 + sy; y++) {
          for (int x = x0; x < x0 + sx; x++) {
            v.setLong(x, y, z, 200);
          }
        }
      }
    }
    String source = "zarr:" + dir.resolve("source");
    TestVolumes.write(source, v, new Size3(16, 16, 4), "none");
    String url = "neurodata+http://127.0.0.1:" + server.port() + "/p/anno";
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(DataType.UINT32,
        new Size3(64, 64, 8)), WriteMode.ERROR_IF_EXISTS)) {
      w.commit();
    }
    BoundingBox box = BoundingBox.parse("8:56,16:56,0:8");
    String labels = "zarr:" + dir.resolve("labels");
    Dataset<Row> table = CellCount.run(spark, source, CountOptions.threshold(170)
        .withBox(BoundingBox.parse("0:48,0:40,0:8")).withCuboid(new Size3(16, 16, 4))
        .withLabelsOut(labels));
    PostRamon.Request r = new PostRamon.Request(url, RamonType.ORGANELLE,
        OrganelleClass.VESICLE, 0);
    // The source is posted 8,16 further on in the remote: its box stands for that offset.
    PostRamon.Posted posted = PostRamon.run(spark, table, labels, box, r);
    Snapshot once = snapshot(url, box);
    assertEquals(posted.count(), once.ids().length);
    org.junit.jupiter.api.Assertions.assertTrue(posted.count() >= 5, "objects: " + posted);
    Volume truth;
    try (org.ndio.store.VolumeReader lr = Volumes.open(labels)) {
      truth = lr.readAll();
    }
    for (int z = 0; z < truth.sizeZ(); z++) {
      for (int y = 0; y < truth.sizeY(); y++) {
        for (int x = 0; x < truth.sizeX(); x++) {
          long t = truth.getLong(x, y, z);
          assertEquals(t == 0 ? 0 : posted.first() + t - 1, once.channel().getLong(x, y, z));
        }
      }
    }
    Map<Long, ObjectMeta> metas = new HashMap<>();
    table.collectAsList().forEach(row -> metas.put(row.getLong(0), ObjectMeta.of(row)));

    PostRamon.store(spark, metas, labels, box, r, posted.first());
    assertEquals(once, snapshot(url, box));

    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      long[] ids = once.ids();
      nd.ramon().deleteRamon(new long[] {ids[0], ids[2], ids[ids.length - 1]});
    }
    PostRamon.store(spark, metas, labels, box, r, posted.first());
    assertEquals(once, snapshot(url, box));
  }

  record Snapshot(long[] ids, List<RamonObject> objects, Volume channel) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && java.util.Arrays.equals(ids, s.ids)
          && objects.equals(s.objects) && channel.equals(s.channel);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(ids);
    }
  }

  private static Snapshot snapshot(String url, BoundingBox box) {
    try (NeuroDataRemote nd = NeuroDataRemote.open(url)) {
      long[] ids = nd.ramon().queryRamon(RamonQuery.ALL);
      List<RamonObject> objects = nd.ramon().getRamon(ids, RamonRead.voxels(0));
      Volume channel = nd.read(box);
      assertArrayEquals(ids, objects.stream().mapToLong(RamonObject::id).toArray());
      return new Snapshot(ids, objects, channel);
    }
  }
}
