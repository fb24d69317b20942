package org.ndio.codec;

import org.ndio.ByteSlice;

/**
 * Encodes one input after another on one thread, keeping its buffers and native state between
 * them. A chunked writer encodes thousands of chunks per thread: a fresh zstd context (a few
 * megabytes of tables, mapped and cleared) and a fresh output array for each cost about as much
 * as the compression itself.
 */
public interface ChunkEncoder extends AutoCloseable {

  /** {@link Codec#encode}, into a buffer reused by the next call. */
  ByteSlice encode(byte[] raw, int typeSize);

  /** Frees native state; the encoder is not used afterwards. */
  @Override
  default void close() {}
}
