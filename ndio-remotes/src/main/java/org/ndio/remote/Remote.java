package org.ndio.remote;

import java.util.Map;
import java.util.Optional;
import org.ndio.remote.http.HttpTransport;
import org.ndio.store.ReadStats;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * One channel (BOSS), data instance (DVID) or token channel (NeuroData) of a remote datastore,
 * with the same calls on every service, so a scientist's code does not change when the data
 * moves. The names follow the original ndio ({@code get_cutout}, {@code post_cutout}, {@code
 * reserve_ids}, ...). Requests larger than the server accepts are split along its blocks, sent
 * concurrently and reassembled; failed idempotent requests are retried.
 *
 * <p>RAMON annotation objects are reached with {@link #ramon()}.
 */
public interface Remote extends VolumeReader {

  /** The voxels of {@code box} at the box's resolution level. */
  Volume getCutout(BoundingBox box);

  /**
   * Writes {@code data} with its voxel (0, 0, 0) at {@code (x, y, z)} at resolution level
   * {@code resolution}. Voxels outside that box never change, even where the server only takes
   * whole blocks.
   */
  void postCutout(long x, long y, long z, int resolution, Volume data);

  @Override
  default Volume read(BoundingBox box) {
    return getCutout(box);
  }

  /** The label at a voxel (annotation channels; 0 where there is none). */
  long labelAt(long x, long y, long z, int resolution);

  /** The distinct non-zero labels in {@code box}, ascending. */
  long[] ids(BoundingBox box);

  /** The smallest box holding every voxel of label {@code id}, if it has any. */
  Optional<BoundingBox> boundingBox(long id, int resolution);

  /** Reserves {@code count} new label ids that no one else will be given. */
  IdRange reserveIds(long count);

  /** The key-value metadata of this channel or instance. */
  Map<String, String> metadata();

  /** The value of one metadata key, if set (by default read from {@link #metadata()}). */
  default Optional<String> metadata(String key) {
    return Optional.ofNullable(metadata().get(key));
  }

  /** Sets one metadata key (creating or replacing it). */
  void putMetadata(String key, String value);

  /** Removes one metadata key; no error if it is absent. */
  void deleteMetadata(String key);

  /** Requests, retries, failures and bytes since this remote was opened. */
  HttpTransport.Stats requestStats();

  /** The request counts as read statistics: requests, bytes received and retries. */
  @Override
  default ReadStats stats() {
    HttpTransport.Stats s = requestStats();
    return new ReadStats(s.requests(), s.bytesIn(), 0, 0, s.retries());
  }

  /**
   * The RAMON objects of this channel. By default their metadata is kept as JSON values of
   * {@link #metadata()} under keys {@code ramon:ID} and their voxels are the channel's labels
   * (see {@link KeyValueRamon}); a service with RAMON endpoints of its own answers natively.
   */
  default RamonRemote ramon() {
    return new KeyValueRamon(this, KeyValueRamon.DEFAULT_BATCH);
  }

  /** A run of reserved ids {@code [first, first + count)}. */
  record IdRange(long first, long count) {}
}
