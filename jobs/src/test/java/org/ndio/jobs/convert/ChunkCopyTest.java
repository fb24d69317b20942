package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * A copy between stores with the same chunk grid goes chunk by chunk on every core: the
 * voxels arrive, progress comes once per block and in order, and the chunk files are byte for
 * byte those the block-by-block copy writes from the same voxels.
 */
class ChunkCopyTest {

  @TempDir
  Path dir;

  private final Volume source = TestVolumes.random(DataType.UINT16, 70, 50, 9, 11);
  private final Size3 chunks = new Size3(16, 16, 4);

  private Convert.Options options(Optional<BoundingBox> box) {
    return new Convert.Options(box, Optional.of(chunks), Optional.of("blosc:zstd:5:byte"),
        WriteMode.ERROR_IF_EXISTS);
  }

  @Test
  void sameGridCopiesGiveTheBlockCopysChunkFiles() throws Exception {
    String npy = "npy:" + dir.resolve("in.npy");
    TestVolumes.write(npy, source, null, null);
    String zarr = "zarr:" + dir.resolve("in.zarr");
    TestVolumes.write(zarr, source, chunks, "blosc:lz4:5:byte");
    long blockBytes = 2L * 16 * 16 * 4 * 2; // two chunks a block: 30 blocks
    Convert.run(npy, "zarr:" + dir.resolve("blocks.zarr"), options(Optional.empty()),
        Convert.Progress.NONE, blockBytes);
    List<Long> progress = new ArrayList<>();
    Convert.Result r = Convert.run(zarr, "zarr:" + dir.resolve("chunks.zarr"),
        options(Optional.empty()), (d, t) -> progress.add(d), blockBytes);
    assertEquals(r.blocks(), progress.size());
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) > progress.get(i - 1));
    }
    assertEquals(source.voxels(), progress.get(progress.size() - 1));
    try (VolumeReader back = Volumes.open("zarr:" + dir.resolve("chunks.zarr"))) {
      assertEquals(source, back.readAll());
    }
    List<String> names = chunkFiles(dir.resolve("blocks.zarr"));
    assertEquals(names, chunkFiles(dir.resolve("chunks.zarr")));
    assertEquals(5 * 4 * 3, names.size());
    for (String n : names) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("blocks.zarr").resolve(n)),
          Files.readAllBytes(dir.resolve("chunks.zarr").resolve(n)), n);
    }
  }

  @Test
  void aBoxOffTheGridOrOtherChunksTakeTheBlockCopy() {
    String zarr = "zarr:" + dir.resolve("in.zarr");
    TestVolumes.write(zarr, source, chunks, "blosc:lz4:5:byte");
    BoundingBox aligned = new BoundingBox(16, 64, 16, 50, 4, 9);
    BoundingBox shifted = new BoundingBox(3, 64, 16, 50, 4, 9);
    try (VolumeReader in = Volumes.open(zarr)) {
      assertTrue(copies(in, aligned, chunks, "a.zarr"));
      assertFalse(copies(in, shifted, chunks, "b.zarr"));
      assertFalse(copies(in, aligned, new Size3(32, 16, 4), "c.zarr"));
    }
    // the offset copy through blocks still has the right voxels
    Convert.run(zarr, "zarr:" + dir.resolve("d.zarr"), options(Optional.of(shifted)),
        Convert.Progress.NONE, 4096);
    try (VolumeReader back = Volumes.open("zarr:" + dir.resolve("d.zarr"))) {
      assertEquals(source.view(3, 16, 4, 61, 34, 5), back.readAll());
    }
  }

  /** Whether ChunkCopy takes {@code box} into a new array of {@code target} chunks. */
  private boolean copies(VolumeReader in, BoundingBox box, Size3 target, String name) {
    Convert.Options o = new Convert.Options(Optional.of(box), Optional.of(target),
        Optional.empty(), WriteMode.ERROR_IF_EXISTS);
    try (VolumeWriter out = Volumes.create("zarr:" + dir.resolve(name),
        Convert.targetSpec(in.info(), box, o), WriteMode.ERROR_IF_EXISTS)) {
      List<BoundingBox> blocks = Convert.blocks(box, target);
      boolean took = ChunkCopy.copy(in, out, box, blocks, Convert.Progress.NONE);
      if (took) {
        Volume back = out.read(BoundingBox.ofShape(box.sizeX(), box.sizeY(), box.sizeZ()));
        assertEquals(in.read(box), back);
      }
      return took;
    }
  }

  private static List<String> chunkFiles(Path array) throws Exception {
    try (Stream<Path> s = Files.list(array)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    }
  }
}
