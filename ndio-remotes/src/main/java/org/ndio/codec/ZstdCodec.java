package org.ndio.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.util.Map;
import org.ndio.CorruptDataException;

/**
 * numcodecs' {@code zstd}: the chunk is one plain zstd frame with its content size; decoding
 * also takes frames without the content size field (and several frames back to back).
 *
 * @param level a zstd level (negative levels are the fast ones; 0 is zstd's default, 3)
 * @param checksum whether frames carry a content checksum (numcodecs' {@code checksum})
 */
public record ZstdCodec(int level, boolean checksum) implements Codec {

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  /** @throws InvalidCodecException for a level zstd does not have */
  public ZstdCodec {
    if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
      throw new InvalidCodecException("zstd level " + level + " is outside "
          + Zstd.minCompressionLevel() + " to " + Zstd.maxCompressionLevel());
    }
  }

  @Override
  public Map<String, Object> config() {
    return checksum ? Codecs.config("id", "zstd", "level", level, "checksum", true)
        : Codecs.config("id", "zstd", "level", level);
  }

  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setLevel(level).setChecksum(checksum).setContentSize(true);
      return ctx.compress(raw);
    }
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    Expansion.require(expectedSize, encoded.length, Expansion.ZSTD, "zstd chunk of " + encoded.length
        + " bytes");
    byte[] out = new byte[expectedSize];
    int n;
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      n = ctx.decompressByteArray(out, 0, expectedSize, encoded, 0, encoded.length);
    } catch (RuntimeException e) {
      throw new CorruptDataException("zstd chunk does not decode to " + expectedSize
          + " bytes: " + e.getMessage(), e);
    }
    if (n != expectedSize) {
      throw new CorruptDataException("zstd chunk holds " + n + " bytes, expected "
          + expectedSize);
    }
    return out;
  }

  /** {@code zstd:LEVEL}, with {@code :checksum} when frames carry one. */
  @Override
  public String toString() {
    return "zstd:" + level + (checksum ? ":checksum" : "");
  }
}
