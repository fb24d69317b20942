package org.ndio.codec;

import java.util.Map;
import java.util.Objects;
import org.ndio.ByteSlice;
import org.ndio.UnsupportedFeatureException;

/**
 * The c-blosc 1.x frame codec (numcodecs' {@code blosc}, the body of BOSS
 * {@code application/blosc} cutouts), in pure Java and byte-compatible with c-blosc both ways:
 * frames written here decode with python-blosc and zarr-python, and theirs decode here.
 *
 * <p>Written here because no maintained pure-Java blosc exists: the Maven artifacts wrap the C
 * library through JNI (one native build per platform), and the inner codecs it needs are
 * already on our classpath (lz4-java, zstd-jni, java.util.zip); blosclz, c-blosc's own LZ77
 * format, is implemented in {@link BloscLz}.
 *
 * <p>Decoding reads any c-blosc 1.x frame except snappy-compressed ones
 * ({@link UnsupportedFeatureException}); the frame describes itself, so the compressor, level,
 * shuffle and block size of this codec only matter for encoding. Every header field is checked
 * against the frame's length before use: a truncated or corrupt frame is a
 * {@link org.ndio.CorruptDataException}, never wrong bytes or a huge allocation (the format has
 * no checksum, so damage that keeps every size consistent, e.g. a flipped shuffle flag, cannot
 * be noticed).
 *
 * @param compressor the compressor for encoding (any but snappy)
 * @param clevel 0 (store uncompressed) to 9
 * @param shuffle the filter for encoding; {@link BloscShuffle#AUTO} picks bit shuffle for
 *     one-byte elements and byte shuffle otherwise
 * @param blockSize 0 for c-blosc's automatic choice, else the size to force (c-blosc still
 *     clamps it to at least 128 and widens it for split blocks)
 */
public record Blosc(BloscCompressor compressor, int clevel, BloscShuffle shuffle, int blockSize)
    implements Codec {

  /** zarr-python's default compressor: lz4, level 5, byte shuffle, automatic block size. */
  public static final Blosc DEFAULT = new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BYTE, 0);

  /**
   * Validates the settings.
   *
   * @throws UnsupportedFeatureException for snappy
   * @throws InvalidCodecException for a level outside 0-9 or a negative block size
   */
  public Blosc {
    Objects.requireNonNull(compressor, "compressor");
    Objects.requireNonNull(shuffle, "shuffle");
    if (!compressor.canEncode()) {
      throw new UnsupportedFeatureException("blosc compressor '" + compressor.cname()
          + "' is not supported by ndio (use blosclz, lz4, lz4hc, zlib or zstd)");
    }
    if (clevel < 0 || clevel > 9) {
      throw new InvalidCodecException("blosc clevel " + clevel + " is outside 0-9");
    }
    if (blockSize < 0) {
      throw new InvalidCodecException("blosc blocksize " + blockSize + " is negative");
    }
  }

  /** Reads the header of a frame (sizes, compressor, shuffle) without decompressing it. */
  public static BloscFrameInfo frameInfo(byte[] frame) {
    return BloscFrameInfo.parse(frame);
  }

  /**
   * Decodes {@code frame} into {@code out} from {@code offset}, for callers that reuse output
   * buffers; returns the number of bytes written (the frame's {@code nbytes}). Bytes of
   * {@code out} past those are left alone; on a corrupt frame, the bytes written so far are
   * unspecified.
   *
   * @throws IllegalArgumentException for an offset outside {@code out}
   * @throws org.ndio.CorruptDataException for a damaged frame, or one holding more bytes than
   *     fit in {@code out} after {@code offset}
   */
  public static int decodeInto(byte[] frame, byte[] out, int offset) {
    return BloscDecoder.decodeInto(frame, frame.length, out, offset);
  }

  /** {@link #decodeInto(byte[], byte[], int)} of a frame held in a reused buffer. */
  public static int decodeInto(ByteSlice frame, byte[] out, int offset) {
    return BloscDecoder.decodeInto(frame.array(), frame.length(), out, offset);
  }

  @Override
  public Map<String, Object> config() {
    return Codecs.config("id", "blosc", "cname", compressor.cname(), "clevel", clevel,
        "shuffle", shuffle.code(), "blocksize", blockSize);
  }

  /**
   * Compresses {@code raw} as elements of {@code typeSize} bytes (1-255; larger sizes make
   * c-blosc treat the buffer as bytes, and so do we).
   *
   * @throws UnsupportedFeatureException for inputs over 2 GiB - 17 bytes, which a frame cannot
   *     describe
   */
  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    return BloscEncoder.encode(this, raw, typeSize);
  }

  @Override
  public ChunkEncoder encoder() {
    return new BloscChunkEncoder(this);
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must not be negative: " + expectedSize);
    }
    return BloscDecoder.decode(encoded, expectedSize);
  }

  /** {@code blosc:CNAME:CLEVEL:SHUFFLE}, with {@code :BLOCKSIZE} when not automatic. */
  @Override
  public String toString() {
    String spec = "blosc:" + compressor.cname() + ":" + clevel + ":" + shuffle.label();
    return blockSize == 0 ? spec : spec + ":" + blockSize;
  }
}
