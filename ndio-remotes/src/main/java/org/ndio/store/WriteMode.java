package org.ndio.store;

/** What a write does when the target already exists. */
public enum WriteMode {
  /** Refuse with {@link org.ndio.VolumeExistsException}. */
  ERROR_IF_EXISTS,
  /** Replace the existing volume once the new one is committed. */
  OVERWRITE,
  /**
   * Write into the existing volume, keeping what is not written; the volume must exist with
   * the same data type. Each chunk is replaced atomically, but a failed append may leave some
   * chunks new and some old (rerunning it completes it).
   */
  APPEND,
  /** {@link #APPEND} to the volume if it exists, else create it (Spark's "append" save mode). */
  CREATE_OR_APPEND
}
