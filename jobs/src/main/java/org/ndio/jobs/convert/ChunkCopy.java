package org.ndio.jobs.convert;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.ndio.store.ConcurrentChunkWrites;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Convert's copy between stores with the same chunk grid over the box (a zarr array
 * recompressed, say): every core takes chunks one at a time, reads each into a volume it keeps
 * and hands that to the writer, which encodes it as it is. No block is assembled, so there is
 * no block-sized array to allocate and zero, and no copy into and out of one; reading and
 * encoding overlap because each core does both. Taken only where the writer accepts writes of
 * disjoint chunks from several threads ({@link ConcurrentChunkWrites}).
 */
final class ChunkCopy {

  private ChunkCopy() {}

  /**
   * Copies the {@code blocks} of {@code box} from {@code in} to {@code out} (whose origin is
   * the box's lowest corner) chunk by chunk if the grids allow, reporting progress after each
   * block.
   *
   * @return whether it did; if not, nothing was written
   */
  static boolean copy(VolumeReader in, VolumeWriter out, BoundingBox box,
      List<BoundingBox> blocks, Convert.Progress progress) {
    Size3 c = out.info().chunks();
    if (!(out instanceof ConcurrentChunkWrites) || !in.info().chunks().equals(c)
        || in.info().dtype() != out.info().dtype()
        || box.x0() % c.x() != 0 || box.y0() % c.y() != 0 || box.z0() % c.z() != 0) {
      return false;
    }
    Queue<Volume> spare = new ConcurrentLinkedQueue<>();
    long done = 0;
    for (BoundingBox b : blocks) {
      List<BoundingBox> chunks = Convert.blocks(b, c);
      int workers = Math.min(chunks.size(), ForkJoinPool.getCommonPoolParallelism() + 1);
      AtomicInteger next = new AtomicInteger();
      IntStream.range(0, workers).parallel().forEach(w -> {
        for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
          copyChunk(in, out, box, chunks.get(i), c, spare);
        }
      });
      done += b.voxels();
      progress.block(done, box.voxels());
    }
    return true;
  }

  /** Copies one chunk, through a kept volume where it has the full chunk shape. */
  private static void copyChunk(VolumeReader in, VolumeWriter out, BoundingBox box,
      BoundingBox chunk, Size3 c, Queue<Volume> spare) {
    Volume v = Convert.readBlock(in, chunk, c, spare);
    out.write(chunk.x0() - box.x0(), chunk.y0() - box.y0(), chunk.z0() - box.z0(), v);
    if (v.shape().hasShape(c)) {
      spare.add(v);
    }
  }
}
