package org.ndio.format.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.testing.TestVolumes;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

class ZarrRoundTripTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(DataType.class)
  void everyTypeRoundTripsWithChunksThatDoNotDivideTheShape(DataType t) {
    Volume v = TestVolumes.random(t, 37, 21, 9, t.ordinal());
    String url = "zarr:" + dir.resolve("a.zarr");
    TestVolumes.write(url, v, new Size3(16, 8, 4), "none");
    try (VolumeReader r = Volumes.open(url)) {
      VolumeInfo info = r.info();
      assertEquals(t, info.dtype());
      assertEquals(BoundingBox.ofShape(37, 21, 9), info.extent());
      assertEquals(new Size3(16, 8, 4), info.chunks());
      assertEquals(v, r.readAll());
      BoundingBox sub = new BoundingBox(5, 33, 7, 20, 3, 9);
      assertEquals(v.view(5, 7, 3, 28, 13, 6), r.read(sub));
    }
  }

  @Test
  void piecewiseWritesPatchPartialChunks() {
    Volume v = TestVolumes.random(DataType.UINT16, 30, 20, 10, 1);
    String url = "zarr:" + dir.resolve("p");
    VolumeSpec spec = VolumeSpec.of(DataType.UINT16, new Size3(30, 20, 10))
        .withChunks(new Size3(8, 8, 8)).withCompressor("none");
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
      // Slabs of 3 sections never align with the 8-deep chunks.
      for (int z = 0; z < 10; z += 3) {
        int d = Math.min(3, 10 - z);
        w.write(0, 0, z, v.view(0, 0, z, 30, 20, d));
      }
      assertEquals(v.view(1, 2, 3, 4, 5, 6), w.read(BoundingBox.at(1, 2, 3, 4, 5, 6)));
      w.commit();
    }
    try (VolumeReader r = Volumes.open(url)) {
      assertEquals(v, r.readAll());
    }
  }

  @Test
  void nothingIsVisibleUntilCommitAndExistingTargetsAreRefusedOrReplaced() throws Exception {
    Path target = dir.resolve("t.zarr");
    String url = "zarr:" + target;
    Volume v = TestVolumes.random(DataType.UINT8, 10, 10, 10, 2);
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(10, 10, 10)).withCompressor("none");
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, v);
      assertFalse(Files.exists(target));
    }
    assertFalse(Files.exists(target));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "an aborted writer leaves no temporary directory");
    }
    TestVolumes.write(url, v, new Size3(5, 5, 5), "none");
    assertThrows(VolumeExistsException.class, () -> TestVolumes.write(url, v, new Size3(5, 5, 5), "none"));
    Volume w2 = TestVolumes.random(DataType.UINT8, 10, 10, 10, 3);
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.OVERWRITE)) {
      w.write(0, 0, 0, w2);
      w.commit();
    }
    try (VolumeReader r = Volumes.open(url)) {
      assertEquals(w2, r.readAll());
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "overwrite leaves only the new array");
    }
  }

  @Test
  void fillValueChunksAreNotStoredAndReadBackAsFill() throws Exception {
    Volume v = Volume.allocate(DataType.UINT64, 16, 16, 16);
    v.setLong(15, 15, 15, 42);
    Path p = dir.resolve("sparse");
    TestVolumes.write("zarr:" + p, v, new Size3(8, 8, 8), "none");
    try (Stream<Path> s = Files.list(p)) {
      assertEquals(1, s.filter(f -> !f.getFileName().toString().startsWith(".")).count());
    }
    try (VolumeReader r = Volumes.open("zarr:" + p)) {
      assertEquals(v, r.readAll());
    }
  }

  @Test
  void voxelSizeAndAttributesSurvive() {
    String url = "zarr:" + dir.resolve("vs");
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(4, 4, 4))
        .withVoxelSize(new VoxelSize(4.6, 4.6, 50, "nanometer"))
        .withAttributes(Map.of("source", "test"));
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
      w.commit();
    }
    try (VolumeReader r = Volumes.open(url)) {
      assertEquals(new VoxelSize(4.6, 4.6, 50, "nanometer"), r.info().voxelSize().orElseThrow());
      assertEquals("test", r.info().attributes().get("source"));
    }
  }

  @Test
  void badInputGivesTypedErrorsNamingTheCause() throws Exception {
    Path p = dir.resolve("bad");
    String url = "zarr:" + p;
    VolumeNotFoundException nf = assertThrows(VolumeNotFoundException.class,
        () -> Volumes.open(url));
    assertTrue(nf.getMessage().contains(p.toString()), nf.getMessage());

    Volume v = TestVolumes.random(DataType.UINT16, 8, 8, 8, 4);
    TestVolumes.write(url, v, new Size3(4, 4, 4), "none");
    try (VolumeReader r = Volumes.open(url)) {
      assertThrows(BoxOutOfBoundsException.class,
          () -> r.read(new BoundingBox(0, 9, 0, 8, 0, 8)));
    }
    try (VolumeWriter w = Volumes.create("zarr:" + dir.resolve("x"),
        VolumeSpec.of(DataType.UINT8, new Size3(2, 2, 2)), WriteMode.ERROR_IF_EXISTS)) {
      assertThrows(DataTypeException.class, () -> w.write(0, 0, 0, v.view(0, 0, 0, 2, 2, 2)));
    }

    Files.write(p.resolve("0.0.1"), new byte[] {1, 2, 3});
    try (VolumeReader r = Volumes.open(url)) {
      CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
      assertTrue(e.getMessage().contains("chunk 0.0.1"), e.getMessage());
    }

    Files.writeString(p.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4");
    assertThrows(CorruptDataException.class, () -> Volumes.open(url));
    Files.writeString(p.resolve(".zarray"), "{\"zarr_format\": 3}");
    assertThrows(UnsupportedFeatureException.class, () -> Volumes.open(url));
    Files.writeString(p.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4, 4],"
        + " \"chunks\": [2, 2, 2], \"dtype\": \"|b1\", \"compressor\": null,"
        + " \"fill_value\": 0, \"order\": \"C\", \"filters\": null}");
    assertThrows(DataTypeException.class, () -> Volumes.open(url));
  }
}
