package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

class NeuroDataRoundTripTest {

  @TempDir
  Path dir;

  /** One cube per request: many pieces even for small volumes. */
  static final NeuroDataOptions SMALL = NeuroDataOptions.DEFAULT.withPieceBytes(1);

  private static Volume readAll(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /** zarr -> neurodata -> zarr through the format registry, in unaligned blocks. */
  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"UINT8", "UINT16", "UINT64"})
  void roundTripsThroughVolumes(DataType t) throws Exception {
    Volume v = TestVolumes.random(t, 150, 140, 20, t.ordinal());
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(40, 40, 8), null);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("server"), Optional.empty(),
        FaultInjection.NONE)) {
      String url = nd.url("proj" + t.ordinal(), "chan");
      Volume source = readAll(src);
      VolumeSpec spec = VolumeSpec.of(t, new Size3(150, 140, 20));
      try (VolumeWriter w = Volumes.create(url, spec, WriteMode.CREATE_OR_APPEND)) {
        w.write(0, 0, 0, source.view(0, 0, 0, 150, 70, 20));
        w.write(0, 70, 0, source.view(0, 70, 0, 150, 70, 20));
        w.commit();
      }
      String copy = "zarr:" + dir.resolve("copy");
      try (VolumeReader r = Volumes.open(url)) {
        VolumeInfo info = r.info();
        assertEquals(t, info.dtype());
        assertEquals(BoundingBox.ofShape(150, 140, 20), info.extent());
        assertEquals(new Size3(128, 128, 16), info.chunks());
        TestVolumes.write(copy, r.readAll(), null, null);
      }
      assertEquals(v, readAll(copy));
    }
  }

  @Test
  void unalignedBoxesSplitIntoManyPiecesReadBackExactly() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 300, 270, 40, 7);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("server"))) {
      nd.create("big", "img", v, SMALL);
      try (NeuroDataRemote r = nd.open("big", "img", SMALL)) {
        BoundingBox box = new BoundingBox(3, 290, 7, 261, 2, 37);
        assertEquals(v.view(box), r.getCutout(box));
        // 3 x 3 x 3 cubes of 128x128x16 meet the box: one request each.
        long before = r.requestStats().requests();
        r.getCutout(box);
        assertEquals(27, r.requestStats().requests() - before);
        BoundingBox one = new BoundingBox(130, 131, 5, 6, 39, 40);
        assertEquals(v.view(one), r.getCutout(one));
      }
      try (NeuroDataRemote r = nd.open("big", "img")) {
        assertEquals(v, r.readAll());
      }
    }
  }

  @Test
  void unalignedPartialPostsChangeOnlyTheirBoxAndKeepStoredVoxelsWherePostedZero()
      throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 200, 180, 30, 3);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("server"))) {
      nd.create("p", "c", v, SMALL);
      Volume patch = TestVolumes.random(DataType.UINT8, 140, 50, 19, 4);
      try (NeuroDataRemote r = nd.open("p", "c", SMALL)) {
        r.postCutout(37, 121, 5, patch);
        Volume expected = v.copy();
        for (int z = 0; z < patch.sizeZ(); z++) {
          for (int y = 0; y < patch.sizeY(); y++) {
            for (int x = 0; x < patch.sizeX(); x++) {
              long p = patch.getLong(x, y, z);
              if (p != 0) { // ndstore overwrites only where the posted voxel is not zero
                expected.setLong(37 + x, 121 + y, 5 + z, p);
              }
            }
          }
        }
        assertEquals(expected, r.readAll());
      }
    }
  }

  @Test
  void datasetsStartingAtAnOffsetUseTheServersCoordinates() throws Exception {
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("server"))) {
      var resp = nd.autoIngest(NeuroDataFixture.ingestJson("kat", "em", "uint8", "image",
          "100, 90, 12", "0, 0, 1", "3.0, 3.0, 30.0", 0));
      assertEquals(200, resp.statusCode(), resp.body());
      Volume v = TestVolumes.random(DataType.UINT8, 100, 90, 12, 9);
      try (NeuroDataRemote r = nd.open("kat", "em", SMALL)) {
        assertEquals(new BoundingBox(0, 100, 0, 90, 1, 13), r.info().extent());
        assertEquals(3.0, r.info().voxelSize().orElseThrow().x());
        r.postCutout(0, 0, 1, v);
        assertEquals(v, r.readAll());
        assertEquals(v.view(new BoundingBox(10, 60, 5, 80, 11, 12)),
            r.getCutout(new BoundingBox(10, 60, 5, 80, 12, 13)));
        assertEquals(v.getLong(4, 5, 11), r.labelAt(4, 5, 12, 0));
        BoxOutOfBoundsException e = assertThrows(BoxOutOfBoundsException.class,
            () -> r.getCutout(new BoundingBox(0, 10, 0, 10, 0, 2)));
        assertTrue(e.getMessage().contains("1:13"), e.getMessage());
      }
      // The server itself refuses z = 0 as ndstore does.
      var raw = nd.get("kat/em/npz/0/0,10/0,10/0,2/", true);
      assertEquals(404, raw.statusCode());
      assertEquals("Illegal arguments to cutout. Check cube failed 'Illegal range. Image size:"
          + " [100, 90, 12] at offset [0, 0, 1]'", new String(raw.body()));
    }
  }
}
