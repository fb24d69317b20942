package org.ndio.codec;

/** {@link BlockCodec} for blosclz streams. */
final class BloscLzBlocks extends BlockCodec {

  private final int clevel;
  private BloscLz encoder;

  BloscLzBlocks(int clevel) {
    this.clevel = clevel;
  }

  @Override
  int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut) {
    if (encoder == null) {
      encoder = new BloscLz(clevel);
    }
    return encoder.compress(src, s, len, dst, d, maxOut);
  }

  @Override
  int decompress(byte[] src, int s, int len, byte[] dst, int d, int n) {
    return BloscLz.decompress(src, s, len, dst, d, n);
  }
}
