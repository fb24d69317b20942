package org.ndio.codec;

import static org.ndio.codec.BloscFrameInfo.HEADER_BYTES;

import java.util.Arrays;

/**
 * Writes c-blosc 1.x frames the way c-blosc 1.21 does: the same automatic block size, the
 * same rule for splitting blocks into byte planes, level 0 and inputs under 128 bytes stored
 * as one uncompressed ("memcpyed") payload, a stream that does not shrink stored raw, and the
 * whole frame stored uncompressed when the compressed one would not be smaller than the input
 * plus the header.
 */
final class BloscEncoder {

  /** c-blosc's assumed L1 data cache, the unit of its block sizes. */
  private static final int L1 = 32 * 1024;
  private static final int MIN_BUFFERSIZE = 128;
  private static final int MAX_SPLITS = 16;
  private static final int MAX_TYPESIZE = 255;
  private static final int MAX_BLOCKSIZE = (Integer.MAX_VALUE - MAX_TYPESIZE * 4) / 3;
  /** Largest input a frame holds: its sizes are signed 32-bit, header included. */
  static final int MAX_BUFFERSIZE = Integer.MAX_VALUE - HEADER_BYTES;

  private BloscEncoder() {}

  static byte[] encode(Blosc codec, byte[] raw, int typeSize) {
    int ts = typeSize > MAX_TYPESIZE ? 1 : typeSize; // as c-blosc: a plain byte stream
    BloscCompressor compressor = codec.compressor();
    int clevel = codec.clevel();
    BloscShuffle shuffle = codec.shuffle().resolve(ts);
    int nbytes = raw.length;
    int blockSize = blockSize(compressor, clevel, ts, nbytes, codec.blockSize());
    int blocks = nbytes == 0 ? 0 : (nbytes + blockSize - 1) / blockSize;
    boolean split = splits(compressor, ts, blockSize);

    int flags = compressor.formatCode() << 5;
    if (!split) {
      flags |= BloscFrameInfo.FLAG_DONT_SPLIT;
    }
    if (shuffle == BloscShuffle.BYTE) {
      flags |= BloscFrameInfo.FLAG_SHUFFLE;
    } else if (shuffle == BloscShuffle.BIT) {
      flags |= BloscFrameInfo.FLAG_BITSHUFFLE;
    }
    boolean memcpy = clevel == 0 || nbytes < MIN_BUFFERSIZE;
    byte[] out = null;
    if (!memcpy) {
      try (BlockCodec inner = BlockCodec.forEncoding(compressor, clevel)) {
        out = new Run(raw, inner, ts, shuffle, split, blockSize, blocks).frame();
      }
    }
    if (out == null) {
      flags |= BloscFrameInfo.FLAG_MEMCPYED;
      out = new byte[nbytes + HEADER_BYTES];
      System.arraycopy(raw, 0, out, HEADER_BYTES, nbytes);
    }
    out[0] = (byte) BloscFrameInfo.FORMAT_VERSION;
    out[1] = 1; // every c-blosc 1.x codec is at format version 1
    out[2] = (byte) flags;
    out[3] = (byte) ts;
    putInt(out, 4, nbytes);
    putInt(out, 8, blockSize);
    putInt(out, 12, out.length);
    return out;
  }

  /** c-blosc's split rule (its default "forward compatible" mode). */
  static boolean splits(BloscCompressor compressor, int ts, int blockSize) {
    return compressor != BloscCompressor.ZSTD && ts <= MAX_SPLITS
        && blockSize / ts >= MIN_BUFFERSIZE;
  }

  /**
   * c-blosc's {@code compute_blocksize}: 32 KiB scaled by level (doubled for the
   * high-ratio codecs lz4hc, zlib and zstd), or the forced size clamped to [128, max]; then,
   * for split blocks, {@code min(size, 256 KiB) * typesize} kept within [64 KiB, 1 MiB]; never
   * more than the input, and a multiple of the type size.
   */
  static int blockSize(BloscCompressor compressor, int clevel, int ts, int nbytes, int forced) {
    if (nbytes < ts) {
      return 1;
    }
    int bs = nbytes;
    boolean highRatio = compressor == BloscCompressor.LZ4HC || compressor == BloscCompressor.ZLIB
        || compressor == BloscCompressor.ZSTD;
    if (forced > 0) {
      bs = Math.min(Math.max(forced, MIN_BUFFERSIZE), MAX_BLOCKSIZE);
    } else if (nbytes >= L1) {
      bs = highRatio ? 2 * L1 : L1;
      switch (clevel) {
        case 0:
          bs /= 4;
          break;
        case 1:
          bs /= 2;
          break;
        case 2:
          break;
        case 3:
          bs *= 2;
          break;
        case 4:
        case 5:
          bs *= 4;
          break;
        case 6:
        case 7:
        case 8:
          bs *= 8;
          break;
        default:
          bs *= highRatio ? 16 : 8;
          break;
      }
    }
    if (clevel > 0 && splits(compressor, ts, bs)) {
      long widened = (long) Math.min(bs, 1 << 18) * ts;
      bs = (int) Math.min(Math.max(widened, 1 << 16), 1 << 20);
    }
    if (bs > nbytes) {
      bs = nbytes;
    }
    if (bs > ts) {
      bs = bs / ts * ts;
    }
    return bs;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  /**
   * One encode. Compressed streams go to a growing work buffer and streams stored raw are only
   * noted, so data that ends up stored whole (memcpyed) costs neither a frame-sized buffer nor
   * copies; the frame is assembled at its exact size once it is known to fit, re-filtering
   * the few blocks that have raw streams. The size checks follow c-blosc's step for step, so
   * the same frames end up memcpyed.
   */
  private static final class Run {
    private final byte[] raw;
    private final BlockCodec inner;
    private final int ts;
    private final BloscShuffle shuffle;
    private final boolean split;
    private final int blockSize;
    private final int blocks;
    private final byte[] tmp;
    private final byte[] tmp2;
    private byte[] work = new byte[0];
    private int workLength;
    /** Per stream, in frame order: its compressed size, or -1 when stored raw. */
    private final int[] streamSizes;
    /** Per stream: where its compressed bytes start in the work buffer. */
    private final int[] streamOffsets;

    Run(byte[] raw, BlockCodec inner, int ts, BloscShuffle shuffle, boolean split,
        int blockSize, int blocks) {
      this.raw = raw;
      this.inner = inner;
      this.ts = ts;
      this.shuffle = shuffle;
      this.split = split;
      this.blockSize = blockSize;
      this.blocks = blocks;
      boolean filtered = shuffle == BloscShuffle.BIT || (shuffle == BloscShuffle.BYTE && ts > 1);
      this.tmp = filtered ? new byte[blockSize] : null;
      this.tmp2 = shuffle == BloscShuffle.BIT && ts > 1 ? new byte[blockSize] : null;
      int streams = blocks * (split ? ts : 1);
      this.streamSizes = new int[streams];
      this.streamOffsets = new int[streams];
    }

    /** The frame with its header left blank, or null if it would not be smaller. */
    byte[] frame() {
      int maxBytes = raw.length + HEADER_BYTES;
      int at = HEADER_BYTES + 4 * blocks;
      int stream = 0;
      for (int j = 0; j < blocks; j++) {
        int size = blockLength(j);
        boolean leftover = size < blockSize;
        int splits = split && !leftover ? ts : 1;
        int neblock = size / splits;
        byte[] src = filter(j, size);
        int s = src == raw ? j * blockSize : 0;
        for (int k = 0; k < splits; k++, stream++) {
          at += 4;
          int maxOut = neblock;
          if (at + (long) maxOut > maxBytes) {
            maxOut = maxBytes - at;
            if (maxOut <= 0) {
              return null;
            }
          }
          reserve(neblock);
          int c = inner.compress(src, s + k * neblock, neblock, work, workLength, maxOut);
          if (c == 0 || c >= neblock) {
            if (at + (long) neblock > maxBytes) {
              return null;
            }
            streamSizes[stream] = -1;
            c = neblock;
          } else {
            streamSizes[stream] = c;
            streamOffsets[stream] = workLength;
            workLength += c;
          }
          at += c;
        }
      }
      return assemble(at);
    }

    private byte[] assemble(int total) {
      byte[] out = new byte[total];
      int at = HEADER_BYTES + 4 * blocks;
      int stream = 0;
      for (int j = 0; j < blocks; j++) {
        putInt(out, HEADER_BYTES + 4 * j, at);
        int size = blockLength(j);
        int splits = split && size == blockSize ? ts : 1;
        int neblock = size / splits;
        byte[] src = null;
        for (int k = 0; k < splits; k++, stream++) {
          int c = streamSizes[stream];
          if (c < 0) {
            if (src == null) {
              src = filter(j, size);
            }
            putInt(out, at, neblock);
            System.arraycopy(src, (src == raw ? j * blockSize : 0) + k * neblock, out, at + 4,
                neblock);
            at += 4 + neblock;
          } else {
            putInt(out, at, c);
            System.arraycopy(work, streamOffsets[stream], out, at + 4, c);
            at += 4 + c;
          }
        }
      }
      return out;
    }

    private int blockLength(int j) {
      return Math.min(blockSize, raw.length - j * blockSize);
    }

    /** Block j as its streams are cut from it: filtered into tmp, or raw itself. */
    private byte[] filter(int j, int size) {
      int from = j * blockSize;
      if (shuffle == BloscShuffle.BYTE && ts > 1) {
        Shuffle.shuffle(ts, raw, from, size, tmp, 0);
        return tmp;
      }
      if (shuffle == BloscShuffle.BIT && size >= ts) {
        Shuffle.bitShuffle(ts, raw, from, size, tmp, 0, tmp2);
        return tmp;
      }
      return raw;
    }

    /** Room in the work buffer for one more stream's worst case (and the codecs' bounds). */
    private void reserve(int neblock) {
      long need = (long) workLength + neblock + neblock / 16 + 1024;
      if (need > work.length) {
        long grown = Math.max(need, 2L * work.length);
        work = Arrays.copyOf(work, (int) Math.min(grown, Integer.MAX_VALUE - 16));
      }
    }
  }
}
