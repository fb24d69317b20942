package org.ndio.storage;

import java.util.List;
import java.util.Optional;
import org.ndio.ByteSlice;

/**
 * Named blobs under one root directory: the layer below chunked formats, so a format works the
 * same on a local disk, HDFS or S3A. Keys are relative paths with {@code /} separators.
 */
public interface Storage {

  /** The blob's bytes, or empty if there is none. */
  Optional<byte[]> read(String key);

  /**
   * {@link #read(String)} into {@code buffer} where the blob fits, else into a new array, for
   * callers that read blob after blob; empty if there is none.
   */
  default Optional<ByteSlice> read(String key, byte[] buffer) {
    return read(key).map(b -> new ByteSlice(b, b.length));
  }

  /**
   * Stores a blob atomically: readers see the old bytes or the new, never a part (written to a
   * temporary name and renamed). Parent directories are created as needed.
   */
  default void write(String key, byte[] bytes) {
    write(key, bytes, 0, bytes.length);
  }

  /** {@link #write(String, byte[])} of {@code bytes[offset, offset + length)}. */
  void write(String key, byte[] bytes, int offset, int length);

  boolean exists(String key);

  /** Removes one blob; no error if it does not exist. */
  void delete(String key);

  /** Names (not paths) of the entries directly under {@code dir} ({@code ""} for the root). */
  List<String> list(String dir);

  /** Removes the root and everything under it; no error if it does not exist. */
  void deleteRoot();

  /** Whether the root exists at all (as a directory or otherwise). */
  boolean rootExists();

  /** The root's location, for messages. */
  String location();

  /** A storage rooted at {@code name}, a path below this root (a group's member array). */
  Storage child(String name);

  /** A storage rooted at {@code sibling}, a path next to this root (for temporary copies). */
  Storage sibling(String name);

  /**
   * Renames this root to {@code target}'s root, which must not exist; used to publish a
   * volume written under a temporary name.
   */
  void renameRootTo(Storage target);
}
