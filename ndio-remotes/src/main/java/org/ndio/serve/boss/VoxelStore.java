package org.ndio.serve.boss;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;

/** The open voxel arrays of the server's channels, one per channel, opened on first use. */
final class VoxelStore {

  private final ResourceStore store;
  private final Map<Path, ChannelVoxels> open = new ConcurrentHashMap<>();

  VoxelStore(ResourceStore store) {
    this.store = store;
  }

  /** The voxels of channel {@code c/e/ch} of the given type in the given level-0 frame. */
  ChannelVoxels get(String c, String e, String ch, DataType dtype, BoundingBox frame,
      boolean isotropic) {
    Path dir = store.dir(c, e, ch).resolve("voxels");
    return open.computeIfAbsent(dir,
        d -> ChannelVoxels.openOrCreate(d, dtype, frame, isotropic));
  }

  /** Drops a channel's array (it was marked for deletion). */
  void forget(String... names) {
    open.remove(store.dir(names).resolve("voxels"));
  }
}
