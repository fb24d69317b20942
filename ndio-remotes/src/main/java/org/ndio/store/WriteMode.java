package org.ndio.store;

/** What {@link Volumes#create} does when the target already exists. */
public enum WriteMode {
  /** Refuse with {@link org.ndio.VolumeExistsException}. */
  ERROR_IF_EXISTS,
  /** Replace the existing volume once the new one is committed. */
  OVERWRITE
}
