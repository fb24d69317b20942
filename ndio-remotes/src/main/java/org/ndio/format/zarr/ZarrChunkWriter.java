package org.ndio.format.zarr;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ndio.DataTypeException;
import org.ndio.codec.ChunkEncoder;
import org.ndio.store.ParallelWrite;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes boxes into a Zarr array chunk by chunk. A chunk the box covers entirely is encoded
 * straight from the data; a chunk it covers in part is read, patched and rewritten, which is
 * safe because a parallel write gives each chunk to one task.
 */
final class ZarrChunkWriter implements ParallelWrite.ChunkWriter {

  private final ZarrArray array;
  private final String target;
  private final Workers<Worker> workers;

  /**
   * What one worker keeps: an encoder (its zstd context, its frame buffer) and a full-size
   * chunk it fills. A fresh multi-megabyte array per chunk (zeroed, and outside G1's young
   * regions) and a fresh zstd context cost more than copying the voxels.
   */
  private static final class Worker {
    final ChunkEncoder encoder;
    Volume chunk;

    Worker(ChunkEncoder encoder) {
      this.encoder = encoder;
    }
  }

  ZarrChunkWriter(ZarrArray array, String target) {
    this.array = array;
    this.target = target;
    this.workers = new Workers<>(() -> new Worker(array.metadata().compressor().encoder()));
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    array.info().extent().requireContains(box, target);
    ZarrMetadata m = array.metadata();
    if (data.dtype() != m.dtype()) {
      throw new DataTypeException("cannot write " + data.dtype().numpyName() + " voxels into the "
          + m.dtype().numpyName() + " array " + target);
    }
    List<long[]> chunks = array.chunksTouching(box);
    // The workers take chunks off a shared counter.
    AtomicInteger next = new AtomicInteger();
    workers.run(chunks.size(), w -> writeChunks(chunks, next, box, data, w));
  }

  /** Takes chunks off {@code next} until none is left, writing {@code data}'s part of each. */
  private void writeChunks(List<long[]> chunks, AtomicInteger next, BoundingBox box,
      Volume data, Worker worker) {
    ZarrMetadata m = array.metadata();
    for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
      long[] g = chunks.get(i);
      BoundingBox cb = array.chunkBox(g[0], g[1], g[2]);
      BoundingBox part = cb.intersect(box).orElseThrow();
      Volume chunk;
      if (part.equals(box) && part.equals(cb) && cb.hasShape(m.chunks())) {
        // the box is one whole chunk: encoded from the data itself (no copy where the data
        // owns its whole array, as a chunk-by-chunk copy's volumes do)
        array.writeChunk(g[0], g[1], g[2], data, worker.encoder);
        continue;
      }
      if (!part.equals(cb)) {
        chunk = array.readChunk(g[0], g[1], g[2]);
      } else if (cb.hasShape(m.chunks())) {
        // every voxel is overwritten below: no fill needed
        worker.chunk = worker.chunk == null ? array.emptyChunk() : worker.chunk;
        chunk = worker.chunk;
      } else {
        chunk = array.emptyChunk(); // an edge chunk: its padding must hold the fill value
      }
      chunk.copyFrom(data.view((int) (part.x0() - box.x0()), (int) (part.y0() - box.y0()),
          (int) (part.z0() - box.z0()), (int) part.sizeX(), (int) part.sizeY(),
          (int) part.sizeZ()),
          (int) (part.x0() - cb.x0()), (int) (part.y0() - cb.y0()), (int) (part.z0() - cb.z0()));
      array.writeChunk(g[0], g[1], g[2], chunk, worker.encoder);
    }
  }

  @Override
  public void close() {
    workers.drain(w -> w.encoder.close());
  }
}
