package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.AccessDeniedException;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.Remote;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Every endpoint through the client, answers checked against what the test uploaded. */
class BossRemoteTest {

  @TempDir
  Path dir;

  BossFixture f;

  @BeforeEach
  void start() throws Exception {
    f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** Labels 1..12 in blobs, so ids, boxes and labels have known answers. */
  static Volume labels(int sx, int sy, int sz, long seed) {
    Volume v = Volume.allocate(DataType.UINT64, sx, sy, sz);
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < 40; i++) {
      long id = 1 + r.nextInt(12);
      int x0 = r.nextInt(sx - 8);
      int y0 = r.nextInt(sy - 8);
      int z0 = r.nextInt(sz - 3);
      for (int z = z0; z < z0 + 3; z++) {
        for (int y = y0; y < y0 + 8; y++) {
          for (int x = x0; x < x0 + 8; x++) {
            v.setLong(x, y, z, id);
          }
        }
      }
    }
    v.setLong(sx - 1, sy - 1, sz - 1, 0xFFFF_FFFF_FFFF_FFF0L); // a label above 2^63
    return v;
  }

  private BossRemote labelChannel(Volume v) {
    f.channel("lab", "em", "seg", DataType.UINT64, BoundingBox.ofShape(v.sizeX(), v.sizeY(),
        v.sizeZ()), 2, "anisotropic");
    BossRemote r = f.open("lab", "em", "seg", BossFixture.FAST);
    r.postCutout(0, 0, 0, 0, v);
    return r;
  }

  @Test
  void labelAtPointIdsInRegionAndBoundingBoxesMatchTheUpload() {
    Volume v = labels(700, 90, 20, 4);
    try (BossRemote r = labelChannel(v)) {
      for (int[] p : new int[][] {{0, 0, 0}, {699, 89, 19}, {350, 45, 10}, {517, 3, 17}}) {
        assertEquals(v.getLong(p[0], p[1], p[2]), r.labelAt(p[0], p[1], p[2], 0));
      }
      BoundingBox region = new BoundingBox(100, 700, 10, 90, 5, 20);
      assertArrayEquals(distinctNonZero(v, region), r.ids(region));
      assertArrayEquals(distinctNonZero(v, v.shape()), r.ids(v.shape()));

      for (long id = 1; id <= 12; id++) {
        Optional<BoundingBox> tight = tightBox(v, id);
        assertEquals(tight, r.boundingBox(id, 0), "id " + id);
        // Loose boxes are whole cuboids, as the service's index keeps them.
        assertEquals(tight.map(BossRemoteTest::cuboids), r.boundingBox(id, 0, true));
      }
      assertEquals(tightBox(v, 0xFFFF_FFFF_FFFF_FFF0L),
          r.boundingBox(0xFFFF_FFFF_FFFF_FFF0L, 0));
      assertEquals(Optional.empty(), r.boundingBox(9999, 0));
    }
  }

  static long[] distinctNonZero(Volume v, BoundingBox box) {
    TreeSet<Long> s = new TreeSet<>(Long::compareUnsigned);
    for (long z = box.z0(); z < box.z1(); z++) {
      for (long y = box.y0(); y < box.y1(); y++) {
        for (long x = box.x0(); x < box.x1(); x++) {
          long id = v.getLong((int) x, (int) y, (int) z);
          if (id != 0) {
            s.add(id);
          }
        }
      }
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  static Optional<BoundingBox> tightBox(Volume v, long id) {
    long[] lo = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] hi = {-1, -1, -1};
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (v.getLong(x, y, z) == id) {
            long[] p = {x, y, z};
            for (int a = 0; a < 3; a++) {
              lo[a] = Math.min(lo[a], p[a]);
              hi[a] = Math.max(hi[a], p[a]);
            }
          }
        }
      }
    }
    return hi[0] < 0 ? Optional.empty()
        : Optional.of(new BoundingBox(lo[0], hi[0] + 1, lo[1], hi[1] + 1, lo[2], hi[2] + 1));
  }

  static BoundingBox cuboids(BoundingBox b) {
    return new BoundingBox(Math.floorDiv(b.x0(), 512) * 512, (Math.floorDiv(b.x1() - 1, 512)
        + 1) * 512, Math.floorDiv(b.y0(), 512) * 512, (Math.floorDiv(b.y1() - 1, 512) + 1)
        * 512, Math.floorDiv(b.z0(), 16) * 16, (Math.floorDiv(b.z1() - 1, 16) + 1) * 16);
  }

  /** Uploads compressed as intern compresses them (typesize in bits) land the same. */
  @Test
  void uploadsWithTheTypesizeInBitsLandTheSame() {
    f.channel("c", "e", "img", DataType.UINT16, BoundingBox.ofShape(90, 70, 20), 1,
        "anisotropic");
    Volume img = TestVolumes.random(DataType.UINT16, 90, 70, 20, 14);
    Volume seg = labels(90, 70, 20, 15);
    BossOptions bits = BossFixture.FAST.withTypesizeInBits(true).withMaxRequestBytes(40_000);
    try (BossRemote r = f.open("c", "e", "img", bits)) {
      r.postCutout(0, 0, 0, 0, img);
      assertEquals(img, r.getCutout(BoundingBox.ofShape(90, 70, 20)));
    }
    try (BossRemote r = labelChannel(Volume.allocate(DataType.UINT64, 90, 70, 20));
        BossRemote b = f.open("lab", "em", "seg", bits)) {
      b.postCutout(0, 0, 0, 0, seg);
      assertEquals(seg, r.getCutout(BoundingBox.ofShape(90, 70, 20)));
    }
  }

  @Test
  void reservedIdsStartAtOneAndNeverRepeat() {
    try (BossRemote r = labelChannel(labels(40, 40, 5, 1))) {
      assertEquals(new Remote.IdRange(1, 5), r.reserveIds(5));
      assertEquals(new Remote.IdRange(6, 1000), r.reserveIds(1000));
      assertEquals(new Remote.IdRange(1006, 1), r.reserveIds(1));
    }
  }

  @Test
  void metadataIsSetReplacedListedAndDeleted() {
    f.channel("c", "e", "img", DataType.UINT8, BoundingBox.ofShape(10, 10, 10), 1,
        "anisotropic");
    try (BossRemote r = f.open("c", "e", "img", BossFixture.FAST)) {
      assertEquals(Map.of(), r.metadata());
      r.putMetadata("source", "ssTEM & friends: 4.6 nm/px?");
      r.putMetadata("owner", "lab=1");
      r.putMetadata("owner", "lab 2");
      r.deleteMetadata("source");
      r.deleteMetadata("never-set");
      r.putMetadata("a key", "x+y");
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("a key", "x+y");
      expected.put("owner", "lab 2");
      assertEquals(expected, r.metadata());
    }
  }

  @Test
  void projectServiceListsDescribesAndCreatesResources() {
    f.channel("col", "exp", "em", DataType.UINT8, new BoundingBox(10, 600, 0, 300, 5, 45), 3,
        "isotropic");
    f.channel("col", "exp", "seg", DataType.UINT64, new BoundingBox(10, 600, 0, 300, 5, 45),
        3, "isotropic");
    f.channel("other", "x", "y", DataType.UINT16, BoundingBox.ofShape(5, 5, 5), 1,
        "anisotropic");
    try (BossProject p = f.project()) {
      assertEquals(List.of("col", "other"), p.collections());
      assertEquals(List.of("exp"), p.experiments("col"));
      assertEquals(List.of("em", "seg"), p.channels("col", "exp"));
      assertEquals(List.of("exp"), p.collection("col").experiments());
      BossExperiment e = p.experiment("col", "exp");
      assertEquals(3, e.numHierarchyLevels());
      assertTrue(e.isotropic());
      assertEquals(List.of("em", "seg"), e.channels());
      BossChannel seg = p.channel("col", "exp", "seg");
      assertEquals("annotation", seg.type());
      assertEquals("uint64", seg.datatype());
      assertEquals("ndio", seg.creator());
      BossCoordFrame frame = p.coordinateFrame(e.coordFrame());
      assertEquals(new BoundingBox(10, 600, 0, 300, 5, 45), frame.extent());
      assertTrue(p.coordinateFrames().contains(e.coordFrame()));
      assertEquals(Optional.empty(), p.findChannel("col", "exp", "nope"));
      assertEquals(Optional.empty(), p.findExperiment("nope", "exp"));
    }
    try (BossRemote r = f.open("col", "exp", "em", BossFixture.FAST)) {
      // Isotropic levels halve z too; starts round down, stops up.
      assertEquals(new BoundingBox(2, 150, 0, 75, 1, 12, 2), r.extent(2));
      assertEquals(new BoundingBox(10, 600, 0, 300, 5, 45), r.info().extent());
    }
  }

  /** Level 1 of an anisotropic channel: 2 x 2 x 1 block means (rounded), computed here. */
  @Test
  void lowerLevelsAreBlockMeansOfImagesAndModesOfLabels() {
    f.channel("c", "e", "img", DataType.UINT16, BoundingBox.ofShape(101, 67, 6), 3,
        "anisotropic");
    Volume v = TestVolumes.random(DataType.UINT16, 101, 67, 6, 9);
    try (BossRemote r = f.open("c", "e", "img", BossFixture.FAST)) {
      r.postCutout(0, 0, 0, 0, v);
      BoundingBox level1 = r.extent(1);
      assertEquals(new BoundingBox(0, 51, 0, 34, 0, 6, 1), level1);
      Volume got = r.getCutout(level1);
      // The same level as a reader of its own, as commands and the Spark source see it.
      assertEquals(3, r.levelCount());
      assertEquals(level1, r.level(1).info().extent());
      assertEquals(got, r.level(1).readAll());
      assertEquals(8.0, r.level(1).info().voxelSize().orElseThrow().x());
      for (int z = 0; z < 6; z++) {
        for (int y = 0; y < 34; y++) {
          for (int x = 0; x < 51; x++) {
            long sum = 0;
            int n = 0;
            for (int dy = 0; dy < 2; dy++) {
              for (int dx = 0; dx < 2; dx++) {
                if (2 * x + dx < 101 && 2 * y + dy < 67) {
                  sum += v.getLong(2 * x + dx, 2 * y + dy, z);
                  n++;
                }
              }
            }
            assertEquals(Math.round((double) sum / n), got.getLong(x, y, z),
                "voxel " + x + "," + y + "," + z);
          }
        }
      }
    }
    Volume l = labels(64, 64, 4, 2);
    l.setLong(0, 0, 0, 7);
    l.setLong(1, 0, 0, 7);
    l.setLong(0, 1, 0, 3);
    l.setLong(1, 1, 0, 0);
    try (BossRemote r = labelChannel(l)) {
      assertEquals(7, r.labelAt(0, 0, 0, 1));
      Volume got = r.getCutout(r.extent(1));
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          Map<Long, Integer> counts = new java.util.TreeMap<>();
          for (int d = 0; d < 4; d++) {
            long id = l.getLong(2 * x + d % 2, 2 * y + d / 2, 2);
            if (id != 0) {
              counts.merge(id, 1, Integer::sum);
            }
          }
          long mode = counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
              ? Long.compare(b.getKey(), a.getKey()) : a.getValue() - b.getValue())
              .map(Map.Entry::getKey).orElse(0L);
          assertEquals(mode, got.getLong(x, y, 2), "voxel " + x + "," + y);
        }
      }
    }
  }

  // ---- errors: typed, one line, naming the cause, never the token

  private static void oneLineWithout(NdioException e, String secret, String... mentions) {
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertFalse(m.contains(secret), m);
    for (String s : mentions) {
      assertTrue(m.contains(s), "'" + s + "' missing from: " + m);
    }
  }

  @Test
  void aWrongTokenIsAccessDenied() {
    f.channel("c", "e", "ch", DataType.UINT8, BoundingBox.ofShape(10, 10, 10), 1,
        "anisotropic");
    Secret wrong = Secret.of("not-the-token-31337");
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> BossRemote.open(
        BossUrl.parse(f.url("c", "e", "ch")), Optional.of(wrong),
        BossFixture.FAST.withRetry(RetryPolicy.NONE)));
    assertEquals(401, e.status());
    assertEquals("Invalid token.", e.serverMessage());
    oneLineWithout(e, wrong.reveal(), "Invalid token", "/v1/collection/c/experiment/e/channel/ch");
    AccessDeniedException anonymous = assertThrows(AccessDeniedException.class,
        () -> BossRemote.open(BossUrl.parse(f.url("c", "e", "ch")), Optional.empty(),
            BossFixture.FAST));
    assertEquals(403, anonymous.status());
    oneLineWithout(anonymous, BossFixture.TOKEN.reveal(), "Missing read permissions", "code 3001");
  }

  @Test
  void aMissingChannelOrParentIsNotFound() {
    f.channel("c", "e", "ch", DataType.UINT8, BoundingBox.ofShape(10, 10, 10), 1,
        "anisotropic");
    VolumeNotFoundException e = assertThrows(VolumeNotFoundException.class,
        () -> f.open("c", "e", "nope", BossFixture.FAST));
    oneLineWithout(e, BossFixture.TOKEN.reveal(), f.url("c", "e", "nope"), "no such channel",
        "nope does not exist");
    VolumeNotFoundException c = assertThrows(VolumeNotFoundException.class,
        () -> f.open("nope", "e", "ch", BossFixture.FAST));
    oneLineWithout(c, BossFixture.TOKEN.reveal(), "no such channel", "nope does not exist");
  }

  @Test
  void boxesOutsideTheFrameAreRefusedBeforeAnyRequest() {
    f.channel("c", "e", "ch", DataType.UINT16, new BoundingBox(100, 300, 0, 50, 0, 10), 2,
        "anisotropic");
    try (BossRemote r = f.open("c", "e", "ch", BossFixture.FAST)) {
      long before = r.requestStats().requests();
      BoxOutOfBoundsException low = assertThrows(BoxOutOfBoundsException.class,
          () -> r.getCutout(new BoundingBox(99, 120, 0, 10, 0, 1)));
      oneLineWithout(low, BossFixture.TOKEN.reveal(), "99:120,0:10,0:1",
          f.url("c", "e", "ch"), "extent 100:300,0:50,0:10");
      assertThrows(BoxOutOfBoundsException.class,
          () -> r.getCutout(new BoundingBox(140, 151, 0, 10, 0, 1, 1)));
      assertThrows(BoxOutOfBoundsException.class,
          () -> r.getCutout(new BoundingBox(0, 1, 0, 1, 0, 1, 2)));
      assertThrows(BoxOutOfBoundsException.class, () -> r.postCutout(290, 0, 0, 0,
          Volume.allocate(DataType.UINT16, 20, 1, 1)));
      assertEquals(before, r.requestStats().requests());
    }
  }

  @Test
  void theWrongTypeIsRefusedOnUploadAndCreation() {
    f.channel("c", "e", "ch", DataType.UINT16, BoundingBox.ofShape(10, 10, 10), 1,
        "anisotropic");
    try (BossRemote r = f.open("c", "e", "ch", BossFixture.FAST)) {
      DataTypeException e = assertThrows(DataTypeException.class,
          () -> r.postCutout(0, 0, 0, 0, Volume.allocate(DataType.UINT8, 2, 2, 2)));
      oneLineWithout(e, BossFixture.TOKEN.reveal(), "uint8", "uint16", f.url("c", "e", "ch"));
      UnsupportedFeatureException ids = assertThrows(UnsupportedFeatureException.class,
          () -> r.ids(BoundingBox.ofShape(2, 2, 2)));
      oneLineWithout(ids, BossFixture.TOKEN.reveal(), "annotation channel");
    }
    BossFormat format = new BossFormat(false, f.token, BossFixture.FAST);
    VolumeUrl existing = VolumeUrl.parse(f.url("c", "e", "ch"));
    VolumeSpec u8 = VolumeSpec.of(DataType.UINT8, new Size3(10, 10, 10));
    assertThrows(DataTypeException.class,
        () -> format.create(existing, u8, WriteMode.CREATE_OR_APPEND));
    assertThrows(DataTypeException.class, () -> format.create(VolumeUrl.parse(f.url("c", "e",
        "f32")), VolumeSpec.of(DataType.FLOAT32, new Size3(10, 10, 10)),
        WriteMode.ERROR_IF_EXISTS));
  }

  @Test
  void writeModesCreateAppendOrRefuse() {
    BossFormat format = new BossFormat(false, f.token, BossFixture.FAST);
    VolumeUrl url = VolumeUrl.parse(f.url("new", "exp", "ch"));
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(30, 20, 10));
    assertThrows(VolumeNotFoundException.class,
        () -> format.create(url, spec, WriteMode.APPEND));
    UnsupportedFeatureException o = assertThrows(UnsupportedFeatureException.class,
        () -> format.create(url, spec, WriteMode.OVERWRITE));
    oneLineWithout(o, BossFixture.TOKEN.reveal(), "cannot be replaced");
    Volume a = TestVolumes.random(DataType.UINT8, 30, 20, 10, 1);
    try (var w = format.create(url, spec, WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, a);
      w.commit();
    }
    VolumeExistsException x = assertThrows(VolumeExistsException.class,
        () -> format.create(url, spec, WriteMode.ERROR_IF_EXISTS));
    oneLineWithout(x, BossFixture.TOKEN.reveal(), "already exists", url.toString());
    Volume b = Volume.allocate(DataType.UINT8, 5, 5, 5);
    b.fill(200L);
    try (var w = format.create(url, spec, WriteMode.APPEND)) {
      w.write(10, 10, 5, b);
    }
    Volume expected = a.copy();
    expected.view(10, 10, 5, 5, 5, 5).copyFrom(b, 0, 0, 0);
    try (var r = format.open(url)) {
      assertEquals(expected, r.readAll());
    }
  }
}
