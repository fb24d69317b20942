package org.ndio.remote;

import org.ndio.store.ParallelWrite;
import org.ndio.volume.Volume;

/** A task's side of a parallel write to a remote: its own connection, posting each box. */
public final class PostingChunkWriter implements ParallelWrite.ChunkWriter {

  private final Remote remote;
  private final int level;

  public PostingChunkWriter(Remote remote, int level) {
    this.remote = remote;
    this.level = level;
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    remote.postCutout(x, y, z, level, data);
  }

  @Override
  public long retries() {
    return remote.requestStats().retries();
  }

  @Override
  public void close() {
    remote.close();
  }
}
