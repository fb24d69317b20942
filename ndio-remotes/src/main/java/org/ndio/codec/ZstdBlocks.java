package org.ndio.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/** {@link BlockCodec} for zstd frames, through zstd-jni, native contexts kept until closed. */
final class ZstdBlocks extends BlockCodec {

  private final int level;
  private ZstdCompressCtx cctx;
  private ZstdDecompressCtx dctx;
  private byte[] scratch = new byte[0];

  ZstdBlocks(int level) {
    this.level = level;
  }

  /** c-blosc's mapping of its levels 1-9 onto zstd's: 2 * clevel - 1, and the maximum for 9. */
  static int levelForBlosc(int clevel) {
    return clevel < 9 ? 2 * clevel - 1 : Zstd.maxCompressionLevel();
  }

  @Override
  int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut) {
    if (cctx == null) {
      cctx = new ZstdCompressCtx().setLevel(level);
    }
    int bound = (int) Math.min(Integer.MAX_VALUE, Zstd.compressBound(len));
    if (dst.length - d >= bound) {
      int n = cctx.compressByteArray(dst, d, bound, src, s, len);
      return n <= maxOut ? n : 0;
    }
    if (scratch.length < bound) {
      scratch = new byte[bound];
    }
    int n = cctx.compressByteArray(scratch, 0, bound, src, s, len);
    if (n > maxOut) {
      return 0;
    }
    System.arraycopy(scratch, 0, dst, d, n);
    return n;
  }

  @Override
  int decompress(byte[] src, int s, int len, byte[] dst, int d, int n) {
    if (dctx == null) {
      dctx = new ZstdDecompressCtx();
    }
    try {
      return dctx.decompressByteArray(dst, d, n, src, s, len);
    } catch (RuntimeException e) {
      return -1; // ZstdException for malformed input or output that does not fit
    }
  }

  @Override
  public void close() {
    if (cctx != null) {
      cctx.close();
    }
    if (dctx != null) {
      dctx.close();
    }
  }
}
