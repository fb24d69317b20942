package org.ndio.remote.boss;

import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes into a BOSS channel by posting cutouts at its base resolution. Unlike file writers,
 * every write is visible on the service as soon as it returns: {@link #commit()} publishes
 * nothing more, and {@link #close()} cannot take back what was posted.
 */
final class BossWriter implements VolumeWriter {

  private final BossRemote remote;

  BossWriter(BossRemote remote) {
    this.remote = remote;
  }

  @Override
  public VolumeInfo info() {
    return remote.info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return remote.read(box);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    remote.postCutout(x, y, z, remote.channel().baseResolution(), data);
  }

  @Override
  public ReadStats stats() {
    return remote.stats();
  }

  /** Nothing to do: the cutouts were stored as they were posted. */
  @Override
  public void commit() {}

  @Override
  public void close() {
    remote.close();
  }
}
