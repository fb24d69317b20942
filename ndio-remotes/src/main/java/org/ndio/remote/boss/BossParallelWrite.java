package org.ndio.remote.boss;

import java.util.Optional;
import org.ndio.remote.PostingChunkWriter;
import org.ndio.remote.http.Secret;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;

/**
 * A write into a BOSS channel by many tasks: each task opens its own connection from the URL,
 * token and options this handle carries, and posts its boxes. Posts are visible at once, so
 * {@link #commit()} has nothing left to do and {@link #abort()} cannot remove what tasks
 * posted (the channel stays, with whatever was written).
 */
final class BossParallelWrite implements ParallelWrite {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final Secret token; // null: none
  private final BossOptions options;
  private transient VolumeInfo info;

  BossParallelWrite(String url, Optional<Secret> token, BossOptions options, VolumeInfo info) {
    this.url = url;
    this.token = token.orElse(null);
    this.options = options;
    this.info = info;
  }

  @Override
  public synchronized VolumeInfo info() {
    if (info == null) {
      try (BossRemote r = open()) {
        info = r.info();
      }
    }
    return info;
  }

  private BossRemote open() {
    return BossRemote.open(BossUrl.parse(url), Optional.ofNullable(token), options);
  }

  @Override
  public ChunkWriter writer() {
    BossRemote remote = open();
    return new PostingChunkWriter(remote, remote.channel().baseResolution());
  }

  @Override
  public void commit() {}

  @Override
  public void abort() {}
}
