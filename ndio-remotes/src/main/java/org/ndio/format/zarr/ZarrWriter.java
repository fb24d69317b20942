package org.ndio.format.zarr;

import org.ndio.store.ConcurrentChunkWrites;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** A {@link ZarrWrite} done by this process alone: boxes of any shape, readable while written. */
final class ZarrWriter implements VolumeWriter, ConcurrentChunkWrites {

  private final ZarrWrite write;
  private final ZarrArray array;
  private final ParallelWrite.ChunkWriter chunks;
  private boolean committed;

  ZarrWriter(ZarrWrite write) {
    this.write = write;
    this.array = write.array();
    this.chunks = write.writer();
  }

  @Override
  public VolumeInfo info() {
    return array.info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return array.read(box);
  }

  @Override
  public void readInto(BoundingBox box, Volume target) {
    array.readInto(box, target);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    chunks.write(x, y, z, data);
  }

  @Override
  public void commit() {
    if (!committed) {
      write.commit();
      committed = true;
    }
  }

  @Override
  public void close() {
    chunks.close();
    if (!committed) {
      write.abort();
    }
  }
}
