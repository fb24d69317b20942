package org.ndio.codec;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * {@link BlockCodec} for raw LZ4 blocks (lz4 and lz4hc write the same format), through
 * lz4-java. lz4-java 1.8 has no acceleration parameter, so the fast compressor always runs at
 * acceleration 1 where c-blosc uses {@code 10 - clevel}: slightly better ratios, slower on
 * data that hardly compresses, where LZ4's acceleration skips ahead quickly. To keep lz4 fast
 * there, a stream whose sample (blosclz's estimate over four windows) promises too little
 * for the level (see {@link #fast}) is stored raw without trying; c-blosc's accelerated LZ4
 * gains next to nothing on such streams too (bit-shuffled ssTEM sections: 0.3%).
 */
final class Lz4Blocks extends BlockCodec {

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private final LZ4Compressor compressor;
  private final BloscLz probe;
  /** Below this sampled ratio the fast compressor does not try (see the class comment). */
  private final double hopeless;
  private byte[] scratch = new byte[0];

  private Lz4Blocks(LZ4Compressor compressor, BloscLz probe, double hopeless) {
    this.compressor = compressor;
    this.probe = probe;
    this.hopeless = hopeless;
  }

  /**
   * The fast compressor at blosc level {@code clevel}. Where c-blosc would accelerate LZ4 by
   * {@code a = 10 - clevel}, a stream must promise more than {@code a}% to be tried (level 9:
   * anything better than pure noise).
   */
  static Lz4Blocks fast(int clevel) {
    int acceleration = 10 - Math.max(1, Math.min(9, clevel));
    return new Lz4Blocks(FACTORY.fastCompressor(), new BloscLz(1),
        acceleration == 1 ? 1.0 : 1 + acceleration / 100.0);
  }

  /** The decoder (decompression is the same for lz4 and lz4hc). */
  static Lz4Blocks decoder() {
    return new Lz4Blocks(FACTORY.fastCompressor(), null, 0);
  }

  static Lz4Blocks high(int clevel) {
    return new Lz4Blocks(FACTORY.highCompressor(clevel), null, 0);
  }

  @Override
  int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut) {
    if (probe != null && probe.spreadRatio(src, s, len) < hopeless) {
      return 0;
    }
    int bound = compressor.maxCompressedLength(len);
    if (dst.length - d >= bound) {
      // room for the worst case: compress in place, bytes past maxOut are overwritten later
      int n = compressor.compress(src, s, len, dst, d, bound);
      return n <= maxOut ? n : 0;
    }
    if (scratch.length < bound) {
      scratch = new byte[bound];
    }
    int n = compressor.compress(src, s, len, scratch, 0, bound);
    if (n > maxOut) {
      return 0;
    }
    System.arraycopy(scratch, 0, dst, d, n);
    return n;
  }

  @Override
  int decompress(byte[] src, int s, int len, byte[] dst, int d, int n) {
    try {
      return DECOMPRESSOR.decompress(src, s, len, dst, d, n);
    } catch (RuntimeException e) {
      return -1; // LZ4Exception for malformed input
    }
  }
}
