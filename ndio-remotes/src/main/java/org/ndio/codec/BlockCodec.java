package org.ndio.codec;

import org.ndio.UnsupportedFeatureException;

/**
 * The compressor that runs on each stream inside a blosc frame, with whatever state it keeps
 * between streams (hash tables, native contexts). One instance serves one thread: one decode
 * call, or the encode calls of one {@link ChunkEncoder}, and is closed after them.
 */
abstract class BlockCodec implements AutoCloseable {

  /**
   * Compresses {@code src[s, s + len)} into {@code dst} at {@code d}. Returns the compressed
   * size, or 0 when the stream does not fit in {@code maxOut} bytes (the caller then stores it
   * raw, as c-blosc does).
   */
  abstract int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut);

  /**
   * Decompresses {@code src[s, s + len)} into {@code dst} at {@code d}, writing at most
   * {@code n} bytes. Returns the number written, or -1 for a malformed stream; never throws
   * for bad input.
   */
  abstract int decompress(byte[] src, int s, int len, byte[] dst, int d, int n);

  @Override
  public void close() {}

  /** The codec that writes {@code compressor} streams at blosc level {@code clevel} (1-9). */
  static BlockCodec forEncoding(BloscCompressor compressor, int clevel) {
    switch (compressor) {
      case BLOSCLZ:
        return new BloscLzBlocks(clevel);
      case LZ4:
        return Lz4Blocks.fast(clevel);
      case LZ4HC:
        return Lz4Blocks.high(clevel);
      case ZLIB:
        return new ZlibBlocks(clevel);
      case ZSTD:
        return new ZstdBlocks(ZstdBlocks.levelForBlosc(clevel));
      default:
        throw snappy();
    }
  }

  /** The codec that reads streams of a frame whose compressor family is {@code compressor}. */
  static BlockCodec forDecoding(BloscCompressor compressor) {
    switch (compressor) {
      case BLOSCLZ:
        return new BloscLzBlocks(1);
      case LZ4:
      case LZ4HC:
        return Lz4Blocks.decoder();
      case ZLIB:
        return new ZlibBlocks(1);
      case ZSTD:
        return new ZstdBlocks(1);
      default:
        throw snappy();
    }
  }

  private static UnsupportedFeatureException snappy() {
    return new UnsupportedFeatureException("blosc frame compressed with snappy: ndio does not"
        + " read or write snappy (re-compress with lz4, zstd, zlib or blosclz)");
  }
}
