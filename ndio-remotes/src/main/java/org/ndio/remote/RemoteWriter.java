package org.ndio.remote;

import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes into a remote channel or instance by posting cutouts at one resolution level. Unlike
 * file writers, every write is visible on the service as soon as it returns: {@link #commit()}
 * publishes nothing more, and {@link #close()} cannot take back what was posted.
 */
public class RemoteWriter implements VolumeWriter {

  protected final Remote remote;
  private final int level;

  public RemoteWriter(Remote remote, int level) {
    this.remote = remote;
    this.level = level;
  }

  @Override
  public VolumeInfo info() {
    return remote.info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return remote.getCutout(box.atResolution(level));
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    remote.postCutout(x, y, z, level, data);
  }

  @Override
  public ReadStats stats() {
    return remote.stats();
  }

  /** Nothing to publish: the cutouts were stored as they were posted. */
  @Override
  public void commit() {}

  @Override
  public void close() {
    remote.close();
  }
}
