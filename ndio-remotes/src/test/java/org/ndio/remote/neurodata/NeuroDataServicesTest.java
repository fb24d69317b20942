package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.UnsupportedFeatureException;
import org.ndio.remote.Remote;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Each service of the server, through the client, against truth computed from the data. */
class NeuroDataServicesTest {

  @TempDir
  Path dir;

  /** Labels in blobs: a few ids over a background of zeros, like a segmentation. */
  static Volume labels(int sx, int sy, int sz, long seed) {
    Random r = new Random(seed);
    Volume v = Volume.allocate(DataType.UINT32, sx, sy, sz);
    for (int n = 0; n < 12; n++) {
      long id = 1 + r.nextInt(5000);
      int x0 = r.nextInt(sx - 10), y0 = r.nextInt(sy - 10), z0 = r.nextInt(sz - 2);
      int w = 1 + r.nextInt(40), h = 1 + r.nextInt(40), d = 1 + r.nextInt(6);
      for (int z = z0; z < Math.min(sz, z0 + d); z++) {
        for (int y = y0; y < Math.min(sy, y0 + h); y++) {
          for (int x = x0; x < Math.min(sx, x0 + w); x++) {
            v.setLong(x, y, z, id);
          }
        }
      }
    }
    return v;
  }

  static long[] distinctNonZero(Volume v, BoundingBox b) {
    TreeSet<Long> ids = new TreeSet<>();
    for (long z = b.z0(); z < b.z1(); z++) {
      for (long y = b.y0(); y < b.y1(); y++) {
        for (long x = b.x0(); x < b.x1(); x++) {
          long id = v.getLong((int) x, (int) y, (int) z);
          if (id != 0) {
            ids.add(id);
          }
        }
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  static Optional<BoundingBox> box(Volume v, long id) {
    long[] b = null;
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (v.getLong(x, y, z) == id) {
            b = b == null ? new long[] {x, x, y, y, z, z} : new long[] {Math.min(b[0], x),
                Math.max(b[1], x), Math.min(b[2], y), Math.max(b[3], y), Math.min(b[4], z),
                Math.max(b[5], z)};
          }
        }
      }
    }
    return b == null ? Optional.empty()
        : Optional.of(new BoundingBox(b[0], b[1] + 1, b[2], b[3] + 1, b[4], b[5] + 1));
  }

  @Test
  void labelsIdsBoundingBoxesAndReservedIdsMatchTheUploadedVolume() throws Exception {
    Volume v = labels(300, 200, 40, 5);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir)) {
      nd.create("seg", "anno", v, NeuroDataRoundTripTest.SMALL);
      try (NeuroDataRemote r = nd.open("seg", "anno", NeuroDataRoundTripTest.SMALL)) {
        assertEquals("annotation", r.channelInfo().channelType());
        Random pick = new Random(1);
        for (int i = 0; i < 20; i++) {
          int x = pick.nextInt(300), y = pick.nextInt(200), z = pick.nextInt(40);
          assertEquals(v.getLong(x, y, z), r.labelAt(x, y, z, 0), "label at " + x + "," + y
              + "," + z);
        }
        BoundingBox region = new BoundingBox(17, 281, 9, 190, 3, 37);
        assertArrayEquals(distinctNonZero(v, region), r.ids(region));
        assertArrayEquals(distinctNonZero(v, v.shape()), r.ids(r.info().extent()));
        for (long id : distinctNonZero(v, v.shape())) {
          assertEquals(box(v, id), r.boundingBox(id, 0), "bounding box of " + id);
        }
        assertEquals(Optional.empty(), r.boundingBox(999_999, 0));
        Remote.IdRange a = r.reserveIds(10);
        Remote.IdRange b = r.reserveIds(5);
        assertEquals(10, a.count());
        assertEquals(a.first() + 10, b.first());
      }
      // A restarted server keeps the counter, the project and the voxels.
      nd.close();
      try (NeuroDataFixture again = NeuroDataFixture.start(dir);
          NeuroDataRemote r = again.open("seg", "anno")) {
        assertEquals(v, r.readAll());
        Remote.IdRange c = r.reserveIds(1);
        assertTrue(c.first() > 15, "counter kept: " + c);
      }
    }
  }

  @Test
  void idsTextIsNdstoresList() {
    Volume v = Volume.allocate(DataType.UINT32, 4, 1, 1);
    v.setLong(1, 0, 0, 10);
    v.setLong(2, 0, 0, 5);
    // numpy.unique gives 0, 5, 10; ndstore joins and strips leading '0' and ','.
    assertEquals(" 5, 10", org.ndio.serve.neurodata.TestAccess.idList(v));
    v.setLong(0, 0, 0, 7);
    v.setLong(3, 0, 0, 7);
    assertEquals("5, 7, 10", org.ndio.serve.neurodata.TestAccess.idList(v));
  }

  @Test
  void metadataIsTheChannelsInfoAndCannotBeWritten() throws Exception {
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir)) {
      nd.create("m", "img", TestVolumes.random(DataType.UINT8, 20, 20, 4, 1),
          NeuroDataOptions.DEFAULT);
      try (NeuroDataRemote r = nd.open("m", "img")) {
        assertEquals("image", r.metadata().get("channel_type"));
        assertEquals("uint8", r.metadata().get("datatype"));
        assertEquals("0", r.metadata().get("propagate"));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
            () -> r.putMetadata("a", "b"));
        assertTrue(e.getMessage().contains("ndstore"), e.getMessage());
        assertThrows(UnsupportedFeatureException.class, () -> r.deleteMetadata("a"));
      }
    }
  }

  @Test
  void publicTokensAreListedAndServedWithoutTheKey() throws Exception {
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir)) {
      String json = NeuroDataFixture.ingestJson("open", "img", "uint8", "image", "32, 32, 4",
          "0, 0, 0", "1.0, 1.0, 1.0", 0).replace("\"token_name\": \"open\"",
          "\"token_name\": \"open\", \"public\": 1");
      assertEquals(200, nd.autoIngest(json).statusCode());
      assertEquals(200, nd.autoIngest(NeuroDataFixture.ingestJson("closed", "img", "uint8",
          "image", "32, 32, 4", "0, 0, 0", "1.0, 1.0, 1.0", 0)).statusCode());
      try (NeuroDataRemote anonymous = new NeuroDataRemote(nd.parsed("open", "img"),
          Optional.empty(), NeuroDataOptions.DEFAULT)) {
        assertEquals(java.util.List.of("open"), anonymous.publicTokens());
        assertEquals(Volume.allocate(DataType.UINT8, 32, 32, 4), anonymous.readAll());
      }
      var listing = nd.get("public_tokens/", false);
      assertEquals("[\n    \"open\"\n]", new String(listing.body(), StandardCharsets.UTF_8));
      var again = nd.autoIngest(NeuroDataFixture.ingestJson("closed", "img", "uint8",
          "image", "32, 32, 4", "0, 0, 0", "1.0, 1.0, 1.0", 0));
      assertEquals(400, again.statusCode());
      assertEquals("\"Channel img already exists. Please choose a different channel name.\"",
          again.body());
      var otherDataset = nd.autoIngest(NeuroDataFixture.ingestJson("closed", "x", "uint8",
          "image", "32, 32, 5", "0, 0, 0", "1.0, 1.0, 1.0", 0));
      assertEquals(400, otherDataset.statusCode());
      assertTrue(otherDataset.body().contains("already exists and is different"));
      var get = nd.get("closed/img/reserve/3/", true);
      assertEquals(405, get.statusCode());
      assertEquals("{\"detail\":\"Method \\\"GET\\\" not allowed.\"}",
          new String(get.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void propagationBuildsLowerLevelsByBlockMeanAndLabelMode() throws Exception {
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir)) {
      assertEquals(200, nd.autoIngest(NeuroDataFixture.ingestJson("pyr", "img", "uint16",
          "image", "301, 203, 9", "0, 0, 0", "4.0, 4.0, 40.0", 3)).statusCode());
      assertEquals(200, nd.autoIngest(NeuroDataFixture.ingestJson("pyr", "seg", "uint32",
          "annotation", "301, 203, 9", "0, 0, 0", "4.0, 4.0, 40.0", 3)).statusCode());
      Volume img = TestVolumes.random(DataType.UINT16, 301, 203, 9, 2);
      Volume seg = labels(301, 203, 9, 3);
      try (NeuroDataRemote ri = nd.open("pyr", "img");
          NeuroDataRemote rs = nd.open("pyr", "seg")) {
        ri.postCutout(0, 0, 0, img);
        rs.postCutout(0, 0, 0, seg);
        assertEquals(PropagateStatus.NOT_PROPAGATED, ri.propagateStatus());
        ri.propagate();
        rs.propagate();
        assertEquals(PropagateStatus.PROPAGATED, ri.awaitPropagated(Duration.ofSeconds(60)));
        assertEquals(PropagateStatus.PROPAGATED, rs.awaitPropagated(Duration.ofSeconds(60)));
        Volume expectImg = img;
        Volume expectSeg = seg;
        for (int level = 1; level <= 3; level++) {
          expectImg = halve(expectImg, false);
          expectSeg = halve(expectSeg, true);
          BoundingBox extent = ri.projectInfo().dataset().extent(level);
          assertEquals(new BoundingBox(0, ((301 - 1) >> level) + 1, 0, ((203 - 1) >> level) + 1,
              0, 9, level), extent);
          assertEquals(expectImg, ri.getCutout(extent), "image level " + level);
          assertEquals(expectSeg, rs.getCutout(extent), "labels level " + level);
        }
      }
    }
  }

  /** x and y halved: mean rounded half up, or most frequent non-zero label (smaller on ties). */
  static Volume halve(Volume v, boolean labels) {
    int sx = (v.sizeX() + 1) / 2, sy = (v.sizeY() + 1) / 2;
    Volume out = Volume.allocate(v.dtype(), sx, sy, v.sizeZ());
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          java.util.List<Long> vals = new java.util.ArrayList<>();
          for (int j = 2 * y; j < Math.min(v.sizeY(), 2 * y + 2); j++) {
            for (int i = 2 * x; i < Math.min(v.sizeX(), 2 * x + 2); i++) {
              vals.add(v.getLong(i, j, z));
            }
          }
          long value;
          if (labels) {
            java.util.Map<Long, Integer> counts = new java.util.TreeMap<>();
            vals.stream().filter(a -> a != 0).forEach(a -> counts.merge(a, 1, Integer::sum));
            value = counts.entrySet().stream()
                .max((a, b) -> a.getValue() != b.getValue().intValue()
                    ? Integer.compare(a.getValue(), b.getValue())
                    : Long.compare(b.getKey(), a.getKey()))
                .map(java.util.Map.Entry::getKey).orElse(0L);
          } else {
            double mean = vals.stream().mapToLong(Long::longValue).average().orElseThrow();
            value = (long) Math.floor(mean + 0.5);
          }
          out.setLong(x, y, z, value);
        }
      }
    }
    return out;
  }
}
