package org.ndio.remote.neurodata;

import java.util.Optional;
import org.ndio.remote.PostingChunkWriter;
import org.ndio.remote.http.Secret;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;

/**
 * A write of a NeuroData channel by many tasks: the driver makes the channel, each task opens
 * its own connection and posts its boxes. Posts are visible at once, so {@link #commit()} has
 * nothing to do and {@link #abort()} cannot remove what tasks posted (ndstore's API deletes no
 * channels); a retried task simply posts its boxes again.
 */
final class NeuroDataParallelWrite implements ParallelWrite {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final Secret key;
  private final NeuroDataOptions options;
  private transient VolumeInfo info;

  private NeuroDataParallelWrite(String url, Secret key, NeuroDataOptions options) {
    this.url = url;
    this.key = key;
    this.options = options;
  }

  static NeuroDataParallelWrite begin(NeuroDataUrl url, Optional<Secret> key,
      NeuroDataOptions options, VolumeSpec spec, WriteMode mode) {
    ChannelCreation.prepare(url, key, options, spec, mode);
    return new NeuroDataParallelWrite(url.toString(), key.orElse(null), options);
  }

  private NeuroDataRemote open() {
    return new NeuroDataRemote(NeuroDataUrl.parse(url), Optional.ofNullable(key), options);
  }

  @Override
  public synchronized VolumeInfo info() {
    if (info == null) {
      try (NeuroDataRemote r = open()) {
        info = r.info();
      }
    }
    return info;
  }

  @Override
  public ChunkWriter writer() {
    NeuroDataRemote remote = open();
    return new PostingChunkWriter(remote, remote.channelInfo().resolution());
  }

  @Override
  public void commit() {
    // every post is already visible
  }

  @Override
  public void abort() {
    // what was posted stays: ndstore offers no way to delete a channel's voxels
  }
}
