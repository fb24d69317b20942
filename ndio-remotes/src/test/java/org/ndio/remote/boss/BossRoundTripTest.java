package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ndio.remote.http.HttpTransport;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** Volumes in and out of a BOSS channel, through {@link Volumes} and the remote itself. */
class BossRoundTripTest {

  @TempDir
  Path dir;

  private static Volume readAll(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /** Uploads {@code v} into a new channel through {@link Volumes#create}. */
  private static void upload(String url, Volume v, VoxelSize voxel) {
    VolumeSpec spec = VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()))
        .withVoxelSize(voxel);
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  /** zarr -> boss -> zarr, every BOSS type, through URLs only; unaligned boxes read back. */
  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"UINT8", "UINT16", "UINT64"})
  void zarrToBossToZarrKeepsEveryVoxel(DataType t) throws Exception {
    try (BossFixture f = BossFixture.start(dir.resolve("server"), Optional.empty())) {
      Volume v = TestVolumes.random(t, 300, 200, 21, 7);
      String src = "zarr:" + dir.resolve("src");
      TestVolumes.write(src, v, new Size3(64, 64, 8), null);
      String boss = f.url("lab", "em", "raw_" + t.numpyName());
      upload(boss, readAll(src), new VoxelSize(4, 4, 40, "nanometer"));

      String dst = "zarr:" + dir.resolve("dst");
      TestVolumes.write(dst, readAll(boss), null, null);
      assertEquals(v, readAll(dst));

      try (VolumeReader r = Volumes.open(boss)) {
        VolumeInfo info = r.info();
        assertEquals(t, info.dtype());
        assertEquals(BoundingBox.ofShape(300, 200, 21), info.extent());
        assertEquals(new Size3(512, 512, 16), info.chunks());
        assertEquals(Optional.of(new VoxelSize(4, 4, 40, "nanometer")), info.voxelSize());
        assertEquals(t == DataType.UINT64 ? "annotation" : "image",
            info.attributes().get("type"));
        BoundingBox odd = new BoundingBox(37, 291, 11, 187, 3, 17);
        assertEquals(v.view(odd), r.read(odd));
      }
    }
  }

  /** A small request budget makes many pieces, fetched concurrently and reassembled. */
  @Test
  void boxesLargerThanOneRequestGoInPieces() throws Exception {
    try (BossFixture f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN))) {
      f.channel("c", "e", "ch", DataType.UINT16, BoundingBox.ofShape(600, 300, 40), 1,
          "anisotropic");
      Volume v = TestVolumes.random(DataType.UINT16, 590, 260, 37, 3);
      BossOptions small = BossFixture.FAST.withMaxRequestBytes(64 << 10).withConcurrency(4);
      try (BossRemote w = f.open("c", "e", "ch", BossFixture.FAST)) {
        w.postCutout(5, 20, 2, 0, v);
      }
      try (BossRemote r = f.open("c", "e", "ch", small)) {
        long before = r.requestStats().requests();
        BoundingBox box = new BoundingBox(5, 595, 20, 280, 2, 39, 0);
        assertEquals(v, r.getCutout(box));
        long requests = r.requestStats().requests() - before;
        long pieces = CutoutPieces.split(box, 2, 64 << 10).size();
        assertTrue(pieces > 50, pieces + " pieces");
        assertEquals(pieces, requests);
      }
      // Pieces of whole sections of the box are z-slabs, decoded in place.
      try (BossRemote r = f.open("c", "e", "ch", BossFixture.FAST.withMaxRequestBytes(
          1200 << 10))) {
        BoundingBox box = new BoundingBox(10, 500, 20, 280, 2, 39, 0);
        assertTrue(CutoutPieces.split(box, 2, 1200 << 10).stream()
            .allMatch(p -> p.sizeX() == 490 && p.sizeY() == 260 && p.sizeZ() <= 4));
        assertEquals(v.view(5, 0, 0, 490, 260, 37), r.getCutout(box));
      }
    }
  }

  /**
   * A box posted off the cuboid grid changes its own voxels only; as on the service, its zero
   * voxels leave what was there.
   */
  @Test
  void unalignedUploadsChangeOnlyTheirNonZeroVoxels() throws Exception {
    try (BossFixture f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN))) {
      f.channel("c", "e", "labels", DataType.UINT64, BoundingBox.ofShape(530, 140, 35), 1,
          "anisotropic");
      Volume base = TestVolumes.random(DataType.UINT64, 530, 140, 35, 11);
      Volume patch = TestVolumes.random(DataType.UINT64, 77, 51, 19, 12);
      BossOptions small = BossFixture.FAST.withMaxRequestBytes(2 << 20);
      try (BossRemote r = f.open("c", "e", "labels", small)) {
        r.postCutout(0, 0, 0, 0, base);
        r.postCutout(440, 61, 13, 0, patch);
        Volume expected = base.copy();
        for (int z = 0; z < patch.sizeZ(); z++) {
          for (int y = 0; y < patch.sizeY(); y++) {
            for (int x = 0; x < patch.sizeX(); x++) {
              long p = patch.getLong(x, y, z);
              if (p != 0) {
                expected.setLong(440 + x, 61 + y, 13 + z, p);
              }
            }
          }
        }
        assertEquals(expected, r.getCutout(BoundingBox.ofShape(530, 140, 35)));
      }
    }
  }

  /** The shared ssTEM stack (20 sections of 1024 x 1024) goes up and comes back unchanged. */
  @Test
  void sharedStackRoundTrips() throws Exception {
    Path stack = SharedData.drosophilaStack();
    Volume raw = readAll("tiff:" + stack.resolve("raw"));
    try (BossFixture f = BossFixture.start(dir, Optional.empty())) {
      String boss = f.url("fly", "vnc", "raw");
      upload(boss, raw, new VoxelSize(4.6, 4.6, 50, "nanometer"));
      assertEquals(raw.checksum(), readAll(boss).checksum());
      assertEquals(raw, readAll(boss));
    }
  }

  /**
   * With a fifth of all answers failing (503s, dropped connections, bodies cut in half) a full
   * upload and download still completes identical, and the retries are counted; the server
   * restarted on the same root keeps the channel it had.
   */
  @Test
  void completesThroughInjectedFaults() throws Exception {
    Path root = dir.resolve("server");
    try (BossFixture f = BossFixture.start(root, Optional.of(BossFixture.TOKEN))) {
      f.channel("c", "e", "ch", DataType.UINT8, BoundingBox.ofShape(400, 300, 48), 1,
          "anisotropic");
    }
    Volume v = TestVolumes.random(DataType.UINT8, 400, 300, 48, 21);
    try (BossFixture f = BossFixture.start(root, Optional.of(BossFixture.TOKEN),
            FaultInjection.evenly(0.2, 77), BossServerConfig.DEFAULT);
        BossRemote r = f.open("c", "e", "ch", BossFixture.FAST.withMaxRequestBytes(200 << 10))) {
      r.postCutout(0, 0, 0, 0, v);
      assertEquals(v, r.getCutout(BoundingBox.ofShape(400, 300, 48)));
      HttpTransport.Stats s = r.requestStats();
      assertTrue(s.retries() > 0, s.toString());
      assertTrue(f.server.stats().errors() + f.server.stats().drops()
          + f.server.stats().truncations() > 0, f.server.stats().toString());
    }
  }
}
