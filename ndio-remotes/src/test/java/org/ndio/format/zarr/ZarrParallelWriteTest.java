package org.ndio.format.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.VolumeNotFoundException;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Many writers of one array, each with its own copy of the handle, as Spark tasks have. */
class ZarrParallelWriteTest {

  @TempDir
  Path dir;

  private final ZarrFormat zarr = new ZarrFormat();

  static ParallelWrite shipped(ParallelWrite w) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(w);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ParallelWrite) in.readObject();
    }
  }

  @Test
  void tasksWritingDisjointCuboidsBuildTheWholeVolume() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 50, 40, 13, 1);
    VolumeUrl url = VolumeUrl.parse("zarr:" + dir.resolve("par"));
    ParallelWrite w = zarr.beginParallel(url, VolumeSpec.of(DataType.UINT16, new Size3(50, 40, 13))
        .withChunks(new Size3(8, 8, 4)).withCompressor("none"), WriteMode.ERROR_IF_EXISTS);
    // Cuboids of 2x1x3 chunks, clipped to a box that starts mid-chunk: edge cuboids write
    // parts of chunks that no other cuboid touches.
    List<BoundingBox> cuboids = new ChunkGrid(new Size3(8, 8, 4))
        .cuboids(BoundingBox.ofShape(50, 40, 13), new Size3(16, 8, 12));
    cuboids.parallelStream().forEach(c -> {
      try (ParallelWrite.ChunkWriter cw = shipped(w).writer()) {
        cw.write(c.x0(), c.y0(), c.z0(), v.view(c));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertFalse(Files.exists(dir.resolve("par")), "nothing visible before commit");
    w.commit();
    try (VolumeReader r = Volumes.open(url.toString())) {
      assertEquals(v, r.readAll());
    }
  }

  @Test
  void abortLeavesNothingAndAppendKeepsWhatIsNotWritten() throws Exception {
    VolumeUrl url = VolumeUrl.parse("zarr:" + dir.resolve("a"));
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(16, 16, 16))
        .withChunks(new Size3(8, 8, 8)).withCompressor("none");
    ParallelWrite aborted = zarr.beginParallel(url, spec, WriteMode.ERROR_IF_EXISTS);
    aborted.writer().write(0, 0, 0, TestVolumes.random(DataType.UINT8, 8, 8, 8, 2));
    aborted.abort();
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }

    assertThrows(VolumeNotFoundException.class,
        () -> zarr.beginParallel(url, spec, WriteMode.APPEND));
    Volume base = TestVolumes.random(DataType.UINT8, 16, 16, 16, 3);
    TestVolumes.write(url.toString(), base, new Size3(8, 8, 8), "none");
    Volume patch = TestVolumes.random(DataType.UINT8, 8, 8, 8, 4);
    ParallelWrite append = shipped(zarr.beginParallel(url, spec, WriteMode.APPEND));
    append.writer().write(8, 0, 8, patch);
    append.commit();
    base.copyFrom(patch, 8, 0, 8);
    try (VolumeReader r = Volumes.open(url.toString())) {
      assertEquals(base, r.readAll());
    }
    // Create-or-append appends to an existing array and creates a missing one.
    ParallelWrite more = zarr.beginParallel(url, spec, WriteMode.CREATE_OR_APPEND);
    more.writer().write(0, 8, 0, patch);
    more.commit();
    base.copyFrom(patch, 0, 8, 0);
    try (VolumeReader r = Volumes.open(url.toString())) {
      assertEquals(base, r.readAll());
    }
    VolumeUrl fresh = VolumeUrl.parse("zarr:" + dir.resolve("fresh"));
    ParallelWrite created = zarr.beginParallel(fresh, spec, WriteMode.CREATE_OR_APPEND);
    created.writer().write(8, 8, 8, patch);
    created.commit();
    try (VolumeReader r = Volumes.open(fresh.toString())) {
      assertEquals(patch, r.read(BoundingBox.at(8, 8, 8, 8, 8, 8)));
    }
    assertThrows(DataTypeException.class, () -> zarr.beginParallel(url,
        VolumeSpec.of(DataType.UINT16, new Size3(16, 16, 16)), WriteMode.APPEND));
  }
}
