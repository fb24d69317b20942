package org.ndio.store;

import java.nio.channels.FileChannel;

/**
 * A run of bytes of an open local file: {@code length} bytes from byte {@code offset} of
 * {@code channel}. The channel stays owned (and closed) by whoever handed the run out.
 *
 * @param label the volume URL the bytes belong to, named in error messages
 */
public record FileBytes(String label, FileChannel channel, long offset, long length) {

  public FileBytes {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
  }
}
