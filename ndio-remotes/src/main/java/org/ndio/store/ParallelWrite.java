package org.ndio.store;

import java.io.Serializable;
import java.util.Optional;
import org.ndio.volume.Volume;

/**
 * One write of a volume by many tasks at once, on any machine: the driver begins it with
 * {@link VolumeFormat#beginParallel}, ships this handle to the tasks, each task opens a {@link
 * ChunkWriter} and writes boxes of whole chunks, and the driver {@link #commit()}s or {@link
 * #abort()}s once. Tasks must not write overlapping boxes; a box that covers part of a chunk
 * must be the only one touching that chunk. A retried task simply writes its boxes again: each
 * chunk is replaced atomically, so retries and speculative copies never leave a half-written
 * or duplicated chunk.
 */
public interface ParallelWrite extends Serializable {

  /** The target's data type, extent and chunk shape. */
  VolumeInfo info();

  /** Opens a writer where the task runs. */
  ChunkWriter writer();

  /** Publishes everything the tasks wrote (driver, once, after all tasks succeeded). */
  void commit();

  /** Removes what a new target's tasks wrote (driver, after a failure). */
  void abort();

  /**
   * What another process needs to carry on with this write after this one stopped (see {@link
   * VolumeFormat#resumeParallel}): a short string holding no credentials, or empty where the
   * format cannot resume a write.
   */
  default Optional<String> resumeState() {
    return Optional.empty();
  }

  /** Writes boxes of a parallel write from one task. */
  interface ChunkWriter extends AutoCloseable {

    /** Writes {@code data} with its voxel (0, 0, 0) at {@code (x, y, z)} of the target. */
    void write(long x, long y, long z, Volume data);

    /** Requests this writer had to send again (remotes); 0 for file systems. */
    default long retries() {
      return 0;
    }

    @Override
    default void close() {}
  }
}
