package org.ndio.codec;

import java.util.Arrays;
import java.util.Map;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.ndio.CorruptDataException;

/**
 * numcodecs' {@code lz4}: a 4-byte little-endian uncompressed size, then one raw LZ4 block.
 * The acceleration is kept in the configuration for numcodecs; lz4-java 1.8 compresses at
 * acceleration 1 whatever it says (the output is valid LZ4 either way, just a little smaller
 * and slower to write than numcodecs' at higher accelerations).
 *
 * @param acceleration numcodecs' LZ4 acceleration, 1 or more
 */
public record Lz4Codec(int acceleration) implements Codec {

  /** numcodecs' default acceleration. */
  public static final int DEFAULT_ACCELERATION = 1;

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final int MAX_ACCELERATION = 65537;

  /** @throws InvalidCodecException for an acceleration outside 1-65537 */
  public Lz4Codec {
    if (acceleration < 1 || acceleration > MAX_ACCELERATION) {
      throw new InvalidCodecException("lz4 acceleration " + acceleration + " is outside 1-"
          + MAX_ACCELERATION);
    }
  }

  @Override
  public Map<String, Object> config() {
    return Codecs.config("id", "lz4", "acceleration", acceleration);
  }

  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    LZ4Compressor c = FACTORY.fastCompressor();
    byte[] out = new byte[4 + c.maxCompressedLength(raw.length)];
    BloscEncoder.putInt(out, 0, raw.length);
    int n = c.compress(raw, 0, raw.length, out, 4, out.length - 4);
    return Arrays.copyOf(out, 4 + n);
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    if (encoded.length < 4) {
      throw new CorruptDataException("lz4 chunk is " + encoded.length
          + " bytes, shorter than its 4-byte size header");
    }
    long declared = BloscFrameInfo.u32(encoded, 0);
    if (declared != expectedSize) {
      throw new CorruptDataException("lz4 chunk declares " + declared + " bytes, expected "
          + expectedSize);
    }
    Expansion.require(expectedSize, encoded.length - 4L, Expansion.LZ4, "lz4 chunk of "
        + encoded.length + " bytes");
    byte[] out = new byte[expectedSize];
    int n;
    try {
      n = FACTORY.safeDecompressor().decompress(encoded, 4, encoded.length - 4, out, 0,
          expectedSize);
    } catch (RuntimeException e) {
      throw new CorruptDataException("lz4 chunk is corrupt: " + e.getMessage(), e);
    }
    if (n != expectedSize) {
      throw new CorruptDataException("lz4 chunk holds " + n + " bytes, expected "
          + expectedSize);
    }
    return out;
  }

  @Override
  public String toString() {
    return "lz4:" + acceleration;
  }
}
