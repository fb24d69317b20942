package org.ndio.codec;

import java.util.Map;
import org.ndio.ByteSlice;

/**
 * A byte-to-byte compressor for chunks, described the way numcodecs (and so zarr-python)
 * describes it in {@code .zarray}, so arrays written here open there and the reverse.
 */
public interface Codec {

  /**
   * The numcodecs configuration, e.g. {@code {"id": "blosc", "cname": "lz4", "clevel": 5,
   * "shuffle": 1, "blocksize": 0}}; an empty map for no compression (zarr's {@code null}).
   */
  Map<String, Object> config();

  /**
   * Compresses {@code raw}; {@code typeSize} is the element size in bytes, which shuffling
   * codecs use.
   */
  byte[] encode(byte[] raw, int typeSize);

  /**
   * An encoder for many inputs in a row on one thread; codecs with costly state (contexts,
   * output buffers) keep it there between calls.
   */
  default ChunkEncoder encoder() {
    return (raw, typeSize) -> {
      byte[] b = encode(raw, typeSize);
      return new ByteSlice(b, b.length);
    };
  }

  /**
   * Decompresses {@code encoded}, which must expand to exactly {@code expectedSize} bytes;
   * anything else (truncation, a corrupt header, a wrong size) is a {@link
   * org.ndio.CorruptDataException}, never wrong bytes.
   */
  byte[] decode(byte[] encoded, int expectedSize);

  /** The spec {@link Codecs#parse} reads back, e.g. {@code blosc:lz4:5:byte}. */
  @Override
  String toString();
}
