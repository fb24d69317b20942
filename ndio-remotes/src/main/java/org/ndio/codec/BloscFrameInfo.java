package org.ndio.codec;

import org.ndio.CorruptDataException;

/**
 * The 16-byte header of a c-blosc 1.x frame, checked against the frame's length.
 *
 * @param typeSize element size the shuffle used (1-255)
 * @param nbytes uncompressed size
 * @param blockSize size of each block but the last
 * @param cbytes size of the whole frame, header included
 * @param compressor compressor family ({@link BloscCompressor#LZ4} stands for lz4 and lz4hc)
 * @param shuffle filter applied to each block ({@link BloscShuffle#NONE}, BYTE or BIT)
 * @param memcpyed whether the payload is the raw bytes, uncompressed
 * @param dontSplit whether blocks were compressed whole rather than split per byte plane
 * @param compressorVersion the codec format version byte (1 for every c-blosc 1.x codec)
 */
public record BloscFrameInfo(
    int typeSize,
    int nbytes,
    int blockSize,
    int cbytes,
    BloscCompressor compressor,
    BloscShuffle shuffle,
    boolean memcpyed,
    boolean dontSplit,
    int compressorVersion) {

  /** Header length, and the overhead c-blosc reserves beyond the data. */
  public static final int HEADER_BYTES = 16;

  static final int FORMAT_VERSION = 2;
  static final int FLAG_SHUFFLE = 0x01;
  static final int FLAG_MEMCPYED = 0x02;
  static final int FLAG_BITSHUFFLE = 0x04;
  static final int FLAG_RESERVED = 0x08;
  static final int FLAG_DONT_SPLIT = 0x10;

  /** Number of blocks, the last one possibly short. */
  public int blockCount() {
    if (nbytes == 0) {
      return 0;
    }
    return (int) (((long) nbytes + blockSize - 1) / blockSize);
  }

  /**
   * Reads and validates the header of {@code frame}: version 2, no reserved flag, a known
   * compressor, sizes that agree with the frame's length (cbytes must be exactly the frame's
   * length), and, for compressed frames, room for the block-start table.
   *
   * @throws CorruptDataException for anything c-blosc would reject or that does not fit
   */
  public static BloscFrameInfo parse(byte[] frame) {
    return parse(frame, frame.length);
  }

  /** {@link #parse(byte[])} of a frame held in the first {@code length} bytes of an array. */
  static BloscFrameInfo parse(byte[] frame, int length) {
    if (length < 0 || length > frame.length) {
      throw new IllegalArgumentException("length " + length + " outside 0-" + frame.length);
    }
    if (length < HEADER_BYTES) {
      throw corrupt("is " + length + " bytes, shorter than the 16-byte header");
    }
    int version = frame[0] & 0xFF;
    int versionLz = frame[1] & 0xFF;
    int flags = frame[2] & 0xFF;
    int typeSize = frame[3] & 0xFF;
    long nbytes = u32(frame, 4);
    long blockSize = u32(frame, 8);
    long cbytes = u32(frame, 12);
    if (version != FORMAT_VERSION) {
      throw corrupt("has format version " + version + "; c-blosc 1.x frames have version 2");
    }
    if ((flags & FLAG_RESERVED) != 0) {
      throw corrupt("sets the reserved flag bit 3 (flags 0x" + Integer.toHexString(flags) + ")");
    }
    BloscCompressor compressor = BloscCompressor.fromFormatCode(flags >>> 5);
    if (compressor == null) {
      throw corrupt("names compressor code " + (flags >>> 5) + ", which c-blosc 1.x never wrote");
    }
    if (cbytes != length) {
      throw corrupt("declares " + cbytes + " bytes (cbytes) but " + length + " are present");
    }
    if (nbytes > Integer.MAX_VALUE - HEADER_BYTES) {
      throw corrupt("declares " + nbytes + " uncompressed bytes, more than c-blosc allows");
    }
    boolean memcpyed = (flags & FLAG_MEMCPYED) != 0;
    if (nbytes > 0) {
      if (typeSize == 0) {
        throw corrupt("has typesize 0");
      }
      if (blockSize == 0 || blockSize > nbytes) {
        throw corrupt("has block size " + blockSize + " for " + nbytes + " bytes");
      }
      if (memcpyed) {
        if (cbytes != nbytes + HEADER_BYTES) {
          throw corrupt("is stored uncompressed but holds " + (cbytes - HEADER_BYTES)
              + " bytes of data for " + nbytes + " declared");
        }
      } else {
        if (compressor != BloscCompressor.SNAPPY && versionLz != 1) {
          throw corrupt("has " + compressor.cname() + " format version " + versionLz
              + "; c-blosc 1.x writes version 1");
        }
        long blocks = (nbytes + blockSize - 1) / blockSize;
        if (HEADER_BYTES + 4 * blocks > cbytes) {
          throw corrupt("is too short for its table of " + blocks + " block starts ("
              + cbytes + " bytes)");
        }
        if (!Expansion.possible(nbytes, cbytes, Expansion.of(compressor))) {
          throw corrupt("declares " + nbytes + " bytes, more than its " + cbytes + " bytes of "
              + compressor.cname() + " streams can expand to");
        }
      }
    }
    BloscShuffle shuffle = (flags & FLAG_SHUFFLE) != 0 ? BloscShuffle.BYTE
        : (flags & FLAG_BITSHUFFLE) != 0 ? BloscShuffle.BIT : BloscShuffle.NONE;
    return new BloscFrameInfo(typeSize, (int) nbytes, (int) blockSize, (int) cbytes, compressor,
        shuffle, memcpyed, (flags & FLAG_DONT_SPLIT) != 0, versionLz);
  }

  static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  static CorruptDataException corrupt(String what) {
    return new CorruptDataException("blosc frame " + what);
  }
}
