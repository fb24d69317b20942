package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The copy in many blocks, each read while the one before is written: every voxel arrives, in
 * order, and a read failing part-way is the reader's typed error with no target left behind.
 */
class ConvertBlocksTest {

  @TempDir
  Path dir;

  private final Volume source = TestVolumes.random(DataType.UINT16, 70, 50, 9, 7);

  private Convert.Options chunks(int x, int y, int z) {
    return new Convert.Options(Optional.empty(), Optional.of(new Size3(x, y, z)),
        Optional.empty(), WriteMode.ERROR_IF_EXISTS);
  }

  @Test
  void everyVoxelArrivesThroughManyBlocks() {
    String npy = "npy:" + dir.resolve("in.npy");
    TestVolumes.write(npy, source, null, null);
    String zarr = "zarr:" + dir.resolve("out.zarr");
    List<Long> progress = new ArrayList<>();
    // one 16x16x4 uint16 chunk per block: 5 x 4 x 3 blocks
    Convert.Result r = Convert.run(npy, zarr, chunks(16, 16, 4), (d, t) -> progress.add(d),
        16 * 16 * 4 * 2);
    assertEquals(60, r.blocks());
    assertEquals(60, progress.size());
    assertEquals(source.voxels(), progress.get(59));
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) > progress.get(i - 1));
    }
    try (VolumeReader back = Volumes.open(zarr)) {
      assertEquals(source, back.readAll());
    }
  }

  @Test
  void aReadFailingPartWayIsTypedAndLeavesNoTarget() throws Exception {
    Path in = dir.resolve("in.zarr");
    TestVolumes.write("zarr:" + in, source, new Size3(16, 16, 4), "blosc:lz4:5:byte");
    // the last z layer of chunks: read only after earlier blocks were written
    Files.writeString(in.resolve("2.1.2"), "not a blosc chunk");
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> Convert.run("zarr:" + in, "zarr:" + dir.resolve("out.zarr"), chunks(16, 16, 4),
            Convert.Progress.NONE, 16 * 16 * 4 * 2));
    assertTrue(e.getMessage().contains("2.1.2"), e.getMessage());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(in), left.toList());
    }
    assertFalse(Files.exists(dir.resolve("out.zarr")));
  }

  @Test
  void blocksAreWholeRowsOfChunksWithinTheBudget() {
    // the benchmark's 8x volume: whole 2048-voxel rows, as many rows of chunks as fit
    assertEquals(new Size3(2048, 768, 40), Convert.blockShape(new Size3(256, 256, 40),
        BoundingBox.ofShape(2048, 2048, 40), 1, 64L << 20));
    Random rnd = new Random(5);
    for (int i = 0; i < 2000; i++) {
      Size3 c = new Size3(1 + rnd.nextInt(40), 1 + rnd.nextInt(40), 1 + rnd.nextInt(40));
      long bx = 1 + rnd.nextInt(300), by = 1 + rnd.nextInt(300), bz = 1 + rnd.nextInt(300);
      int bytes = 1 << rnd.nextInt(4);
      long budget = 1 + rnd.nextInt(1 << 20);
      Size3 s = Convert.blockShape(c, BoundingBox.ofShape(bx, by, bz), bytes, budget);
      String what = c + " in " + bx + "x" + by + "x" + bz + " budget " + budget + ": " + s;
      long ux = Math.min(c.x(), bx), uy = Math.min(c.y(), by);
      assertTrue(s.x() <= bx && s.y() <= by && s.z() <= bz && s.z() >= 1, what);
      assertTrue(s.x() == bx || s.x() % ux == 0, what);
      assertTrue(s.y() == by || s.y() % uy == 0, what);
      // more than one chunk (section) only within the budget
      boolean single = s.x() == ux && s.y() == uy && s.z() <= Math.min(c.z(), bz);
      assertTrue(single || s.x() * s.y() * s.z() * bytes <= budget, what);
      // grown in y only once rows are whole, in z only once sections are
      assertTrue(s.y() == uy || s.x() == bx, what);
      assertTrue(s.z() <= Math.min(c.z(), bz) || (s.x() == bx && s.y() == by), what);
    }
  }
}
