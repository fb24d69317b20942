package org.ndio;

import java.util.Arrays;

/**
 * The first {@code length} bytes of {@code array}: what an encoder or a read produced into a
 * buffer its caller reuses, so valid until the buffer's next use.
 */
public record ByteSlice(byte[] array, int length) {

  public ByteSlice {
    if (length < 0 || length > array.length) {
      throw new IllegalArgumentException("length " + length + " outside an array of "
          + array.length);
    }
  }

  /** The bytes in an array of their own, the array itself where it holds exactly them. */
  public byte[] toArray() {
    return length == array.length ? array : Arrays.copyOf(array, length);
  }
}
