package org.ndio.codec;

import org.ndio.ByteSlice;
import org.ndio.UnsupportedFeatureException;

/**
 * {@link Blosc}'s {@link ChunkEncoder}: one stream compressor (with its zstd context or hash
 * tables) for all calls, and the largest frame buffer so far written over by the next frame.
 */
final class BloscChunkEncoder implements ChunkEncoder {

  private final Blosc codec;
  private BlockCodec inner;
  private final BloscEncoder.Buffers buffers = new BloscEncoder.Buffers();

  BloscChunkEncoder(Blosc codec) {
    this.codec = codec;
  }

  @Override
  public ByteSlice encode(byte[] raw, int typeSize) {
    if (typeSize < 1) {
      throw new IllegalArgumentException("typeSize must be at least 1: " + typeSize);
    }
    if (raw.length > BloscEncoder.MAX_BUFFERSIZE) {
      throw new UnsupportedFeatureException("a blosc frame holds at most "
          + BloscEncoder.MAX_BUFFERSIZE + " bytes; " + raw.length + " given");
    }
    return BloscEncoder.encode(codec, raw, typeSize, this::inner, buffers);
  }

  private BlockCodec inner() {
    if (inner == null) {
      inner = BlockCodec.forEncoding(codec.compressor(), codec.clevel());
    }
    return inner;
  }

  @Override
  public void close() {
    if (inner != null) {
      inner.close();
    }
  }
}
