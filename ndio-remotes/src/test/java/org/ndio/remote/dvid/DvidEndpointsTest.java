package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.remote.Remote;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Each DVID endpoint the remote uses, against answers computed in the test from the volume it
 * uploaded.
 */
class DvidEndpointsTest {

  @TempDir
  Path dir;

  /** Labels from a small set, one above 2^63, in blobs so each label has a clear extent. */
  private static Volume labels(int sx, int sy, int sz) {
    return labels(sx, sy, sz, -5L);
  }

  private static Volume labels(int sx, int sy, int sz, long fifth) {
    long[] ids = {0, 3, 17, 1L << 40, fifth, 900};
    Random r = new Random(11);
    Volume v = Volume.allocate(DataType.UINT64, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          int region = (x / 13 + 2 * (y / 11) + 3 * (z / 7)) % (ids.length - 1);
          v.setLong(x, y, z, r.nextInt(9) == 0 ? 0 : ids[region]);
        }
      }
    }
    v.setLong(sx - 1, sy - 1, sz - 1, 900);
    return v;
  }

  private static void upload(DvidFixture f, String name, Volume v, String typeName) {
    try (DvidClient c = f.client()) {
      c.createInstance(f.root, DvidType.fromTypeName(typeName).orElseThrow(), name,
          Map.of("BlockSize", "16,16,16"));
    }
    try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url(name)),
        VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ())),
        WriteMode.APPEND)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  private static long[] distinct(Volume v) {
    TreeSet<Long> s = new TreeSet<>(Long::compareUnsigned);
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          long l = v.getLong(x, y, z);
          if (l != 0) {
            s.add(l);
          }
        }
      }
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  private static Optional<BoundingBox> boxOf(Volume v, long id) {
    BoundingBox b = null;
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (v.getLong(x, y, z) == id) {
            BoundingBox p = BoundingBox.at(x, y, z, 1, 1, 1);
            b = b == null ? p : DvidRemote.union(b, p);
          }
        }
      }
    }
    return Optional.ofNullable(b);
  }

  @Test
  void labelQueriesAgreeWithTheUploadedVolume() throws Exception {
    Volume v = labels(50, 40, 30);
    try (DvidFixture f = DvidFixture.start(dir)) {
      upload(f, "seg", v, "labelmap");
      upload(f, "arr", v, "labelarray");
      upload(f, "blk", v, "labelblk");
      for (String name : List.of("seg", "arr", "blk")) {
        try (DvidRemote r = DvidRemote.open(f.url(name))) {
          assertEquals(v.getLong(49, 39, 29), r.labelAt(49, 39, 29, 0), name);
          assertEquals(v.getLong(13, 11, 7), r.labelAt(13, 11, 7, 0), name);
          List<long[]> points = List.of(new long[] {0, 0, 0}, new long[] {20, 30, 10},
              new long[] {45, 5, 25}, new long[] {200, 0, 0});
          long[] want = {v.getLong(0, 0, 0), v.getLong(20, 30, 10), v.getLong(45, 5, 25), 0};
          assertArrayEquals(want, r.labelsAt(points), name);

          BoundingBox box = new BoundingBox(5, 33, 2, 29, 3, 17);
          assertArrayEquals(distinct(v.view(box)), r.ids(box), name);
          assertArrayEquals(distinct(v), r.ids(r.info().extent()), name);
          for (long id : new long[] {3, 17, 1L << 40, -5L, 900}) {
            assertEquals(boxOf(v, id), r.boundingBox(id, 0), name + " label " + id);
          }
          assertEquals(Optional.empty(), r.boundingBox(12345, 0), name);
          if (!name.equals("blk")) {
            assertEquals(true, r.hasLabel(17), name);
            assertEquals(false, r.hasLabel(12345), name);
            SparsevolSize size = r.sparsevolSize(17).orElseThrow();
            long count = 0;
            for (int z = 0; z < 30; z++) {
              for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 50; x++) {
                  count += v.getLong(x, y, z) == 17 ? 1 : 0;
                }
              }
            }
            assertEquals(count, size.voxels(), name);
            BoundingBox exact = boxOf(v, 17).orElseThrow();
            assertEquals(new BoundingBox(exact.x0() / 16 * 16, (exact.x1() + 15) / 16 * 16,
                exact.y0() / 16 * 16, (exact.y1() + 15) / 16 * 16, exact.z0() / 16 * 16,
                (exact.z1() + 15) / 16 * 16), size.blockBounds(), name);
            assertEquals(Optional.empty(), r.sparsevolSize(12345), name);
          }
        }
      }
    }
  }

  @Test
  void reservedIdsFollowTheLargestLabelAndNeverRepeat() throws Exception {
    // No label near 2^64 here: reserving past it would overflow (the server refuses that).
    Volume v = labels(32, 32, 16, 77);
    v.setLong(3, 3, 3, 5000);
    try (DvidFixture f = DvidFixture.start(dir)) {
      upload(f, "seg", v, "labelmap");
      upload(f, "arr", v, "labelarray");
      upload(f, "blk", v, "labelblk");
      for (String name : List.of("seg", "arr")) {
        try (DvidRemote r = DvidRemote.open(f.url(name))) {
          long largest = distinct(v)[distinct(v).length - 1];
          assertEquals(largest, r.maxLabel().getAsLong(), name);
          assertEquals(largest + 1, r.nextLabel(), name);
          Remote.IdRange a = r.reserveIds(10);
          Remote.IdRange b = r.reserveIds(3);
          assertEquals(new Remote.IdRange(largest + 1, 10), a, name);
          assertEquals(new Remote.IdRange(largest + 11, 3), b, name);
        }
      }
      try (DvidRemote r = DvidRemote.open(f.url("blk"))) {
        assertThrows(UnsupportedFeatureException.class, () -> r.reserveIds(1));
      }
    }
  }

  @Test
  void metadataLivesInAKeyvalueInstanceNamedAfterTheVolume() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      upload(f, "gray", TestVolumes.random(DataType.UINT8, 16, 16, 16, 1), "uint8blk");
      try (DvidRemote r = DvidRemote.open(f.url("gray"))) {
        assertEquals(Map.of(), r.metadata());
        assertEquals(false, r.hasMetadata("species"));
        assertEquals(List.of(), r.metadataKeys("a", "z"));
        r.putMetadata("species", "Drosophila melanogaster");
        r.putMetadata("voxel size", "4.6,4.6,50 nanometer");
        r.putMetadata("µ", "unicode");
        r.deleteMetadata("never set");
        assertEquals(Map.of("species", "Drosophila melanogaster", "voxel size",
            "4.6,4.6,50 nanometer", "µ", "unicode"), r.metadata());
        assertEquals(true, r.hasMetadata("species"));
        assertEquals(List.of("species", "voxel size"), r.metadataKeys("s", "w"));
        r.deleteMetadata("species");
        assertEquals(false, r.hasMetadata("species"));
        assertEquals(Map.of("voxel size", "4.6,4.6,50 nanometer", "µ", "unicode"),
            r.metadata());
        assertThrows(NdioException.class, () -> r.putMetadata("a/b", "x"));
        try (DvidClient c = f.client()) {
          assertEquals("keyvalue", c.instance(f.root, "gray" + DvidRemote.META_SUFFIX)
              .typeName());
        }
      }
    }
  }

  @Test
  void reposNodesAndInstancesAreListedAsRecords() throws Exception {
    Volume a = TestVolumes.random(DataType.UINT8, 40, 40, 40, 2);
    try (DvidFixture f = DvidFixture.start(dir); DvidClient c = f.client()) {
      upload(f, "gray", a, "uint8blk");
      assertTrue(c.serverInfo().version().isPresent());
      String other = c.createRepo("second", "another repo");
      List<DvidRepo> repos = c.repos();
      assertEquals(2, repos.size());
      DvidRepo repo = c.repo(f.root.substring(0, 6));
      assertEquals(f.root, repo.root());
      assertEquals("test", repo.alias());
      DvidInstance gray = repo.instances().get("gray");
      assertEquals(Optional.of(DvidType.UINT8BLK), gray.type());
      assertEquals(Optional.of(BoundingBox.ofShape(40, 40, 40)), gray.extent());
      assertEquals(Optional.of(new Size3(16, 16, 16)), gray.blockSize());
      assertEquals(f.root, repo.masterLeaf().orElseThrow().uuid());
      assertEquals("another repo", c.repo(other).description());

      assertTrue(c.nodeExists(f.root));
      c.commit(f.root, "first version");
      assertTrue(c.isLocked(f.root));
      String child = c.newVersion(f.root, "second version");
      String side = c.branch(f.root, "proofreading", "a side branch");
      DvidRepo now = c.repo(f.root);
      assertEquals(3, now.nodes().size());
      assertEquals(child, now.masterLeaf().orElseThrow().uuid());
      assertEquals("proofreading", now.nodes().get(side).branch());
      assertEquals(List.of(now.nodes().get(f.root).versionId()),
          now.nodes().get(child).parents());

      // The child sees the parent's voxels; its writes leave the parent as it was.
      Volume b = TestVolumes.random(DataType.UINT8, 10, 10, 10, 3);
      try (DvidRemote r = DvidRemote.open(f.url(child.substring(0, 8), "gray"))) {
        assertEquals(a, r.readAll());
        r.postCutout(20, 20, 20, 0, b);
        Volume expected = a.copy();
        expected.copyFrom(b, 20, 20, 20);
        assertEquals(expected, r.readAll());
      }
      try (DvidRemote parent = DvidRemote.open(f.url("gray"))) {
        assertEquals(a, parent.readAll());
      }
      try (DvidRemote master = DvidRemote.open(f.url(f.root.substring(0, 5) + ":master",
          "gray"))) {
        assertEquals(b, master.getCutout(BoundingBox.at(20, 20, 20, 10, 10, 10)));
      }
    }
  }

  @Test
  void aNewRepoIsMadeForAFullUuidThatNamesNone() throws Exception {
    String uuid = "0123456789abcdef0123456789abcdef";
    Volume v = TestVolumes.random(DataType.FLOAT32, 20, 10, 5, 6);
    try (DvidFixture f = DvidFixture.start(dir)) {
      try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url(uuid, "f32")),
          VolumeSpec.of(DataType.FLOAT32, new Size3(20, 10, 5)), WriteMode.CREATE_OR_APPEND)) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      try (DvidRemote r = DvidRemote.open(f.url(uuid, "f32"))) {
        assertEquals(DvidType.FLOAT32BLK, r.type());
        assertEquals(v, r.readAll());
        assertEquals(uuid, r.client().repo(uuid).root());
      }
    }
  }
}
