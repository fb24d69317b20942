package org.ndio.codec;

import static org.ndio.codec.BloscFrameInfo.HEADER_BYTES;

import java.util.Arrays;
import java.util.function.Supplier;
import org.ndio.ByteSlice;

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
    try (BloscChunkEncoder e = new BloscChunkEncoder(codec)) {
      return e.encode(raw, typeSize).toArray();
    }
  }

  /**
   * The arrays an encoder keeps from frame to frame: the largest frame so far, written over by
   * the next where large enough, and the working arrays of one stream and one filtered block.
   * Made afresh for every frame, the working arrays (a 256 KiB stream buffer for zstd at level
   * 5) were 3% of a zarr recompression's CPU, mostly the JVM zeroing them and the page faults
   * of fresh heap.
   */
  static final class Buffers {
    private byte[] frame;
    private byte[] stream;
    private byte[] filtered;
    private byte[] bits;

    private static byte[] atLeast(byte[] a, int n) {
      return a != null && a.length >= n ? a : new byte[n];
    }
  }

  /**
   * One frame of {@code raw}, its streams compressed by {@code inner} (asked for only where
   * something is compressed), written into the kept frame buffer where that is large enough.
   */
  static ByteSlice encode(Blosc codec, byte[] raw, int typeSize, Supplier<BlockCodec> inner,
      Buffers buffers) {
    byte[] reuse = buffers.frame;
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
    ByteSlice frame = null;
    if (!memcpy) {
      frame = new Run(raw, inner.get(), ts, shuffle, split, blockSize, blocks, buffers).frame();
    }
    if (frame == null) {
      flags |= BloscFrameInfo.FLAG_MEMCPYED;
      int size = nbytes + HEADER_BYTES;
      frame = new ByteSlice(Buffers.atLeast(reuse, size), size);
      System.arraycopy(raw, 0, frame.array(), HEADER_BYTES, nbytes);
    }
    byte[] out = frame.array();
    out[0] = (byte) BloscFrameInfo.FORMAT_VERSION;
    out[1] = 1; // every c-blosc 1.x codec is at format version 1
    out[2] = (byte) flags;
    out[3] = (byte) ts;
    putInt(out, 4, nbytes);
    putInt(out, 8, blockSize);
    putInt(out, 12, frame.length());
    if (reuse == null || out.length > reuse.length) {
      buffers.frame = out;
    }
    return frame;
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
   * One encode, writing the frame layout into a buffer that grows as needed (sized from the
   * ratio seen so far, so a 1 GiB input that compresses 30:1 never costs a 1 GiB buffer).
   * Until the first stream compresses, nothing is written at all: streams stored raw are only
   * counted, so incompressible data, which ends up stored whole (memcpyed), costs no copies;
   * if a stream does compress later, the blocks before it are filtered again and written then.
   * The size checks follow c-blosc's step for step, so the same frames end up memcpyed.
   */
  private static final class Run {
    private final byte[] raw;
    private final BlockCodec inner;
    private final int ts;
    private final BloscShuffle shuffle;
    private final boolean split;
    private final int blockSize;
    private final int blocks;
    private final int maxBytes;
    private final byte[] tmp;
    private final byte[] tmp2;
    /** The encoder's kept arrays: its frame buffer is written over where large enough. */
    private final Buffers buffers;
    /** The frame so far (header left blank), or null while every stream was stored raw. */
    private byte[] out;

    Run(byte[] raw, BlockCodec inner, int ts, BloscShuffle shuffle, boolean split,
        int blockSize, int blocks, Buffers buffers) {
      this.raw = raw;
      this.inner = inner;
      this.ts = ts;
      this.shuffle = shuffle;
      this.split = split;
      this.blockSize = blockSize;
      this.blocks = blocks;
      this.maxBytes = raw.length + HEADER_BYTES;
      boolean filtered = shuffle == BloscShuffle.BIT || (shuffle == BloscShuffle.BYTE && ts > 1);
      if (filtered) {
        buffers.filtered = Buffers.atLeast(buffers.filtered, blockSize);
      }
      if (shuffle == BloscShuffle.BIT && ts > 1) {
        buffers.bits = Buffers.atLeast(buffers.bits, blockSize);
      }
      this.tmp = filtered ? buffers.filtered : null;
      this.tmp2 = shuffle == BloscShuffle.BIT && ts > 1 ? buffers.bits : null;
      this.buffers = buffers;
    }

    /** The frame with its header left blank, or null if it would not fit (store it whole). */
    ByteSlice frame() {
      int at = HEADER_BYTES + 4 * blocks;
      for (int j = 0; j < blocks; j++) {
        int size = blockLength(j);
        int splits = split && size == blockSize ? ts : 1;
        int neblock = size / splits;
        byte[] src = filter(j, size);
        int s = src == raw ? j * blockSize : 0;
        if (out != null) {
          BloscEncoder.putInt(out, HEADER_BYTES + 4 * j, at);
        }
        for (int k = 0; k < splits; k++) {
          int streamStart = at;
          at += 4;
          int maxOut = neblock;
          if (at + (long) maxOut > maxBytes) {
            maxOut = maxBytes - at;
            if (maxOut <= 0) {
              return null;
            }
          }
          int from = s + k * neblock;
          int c;
          if (out != null) {
            ensure(at + neblock + neblock / 16 + 1024, at, j);
            c = inner.compress(src, from, neblock, out, at, maxOut);
          } else {
            // holds the stream while out does not exist yet; a split block's streams are
            // short, the last block's one stream can be longer
            buffers.stream = Buffers.atLeast(buffers.stream, neblock + neblock / 16 + 1024);
            byte[] scratch = buffers.stream;
            c = inner.compress(src, from, neblock, scratch, 0, maxOut);
            if (c > 0 && c < neblock) {
              start(j, k, src, at, at + c, (long) j * blockSize + (long) (k + 1) * neblock);
              System.arraycopy(scratch, 0, out, at, c);
            }
          }
          if (c == 0 || c >= neblock) {
            if (at + (long) neblock > maxBytes) {
              return null;
            }
            c = neblock;
            if (out != null) {
              ensure(at + neblock, at, j);
              System.arraycopy(src, from, out, at, neblock);
            }
          }
          if (out != null) {
            BloscEncoder.putInt(out, streamStart, c);
          }
          at += c;
        }
      }
      if (out == null) {
        return null; // unreachable: all-raw streams overflow first, but never return garbage
      }
      return new ByteSlice(out, at);
    }

    /**
     * Creates the frame buffer when stream k of block j is the first to compress: sized from
     * the ratio so far, this stream included ({@code stored} bytes of frame for {@code
     * consumed} of input), with blocks 0 to j-1 and the raw streams of block j before k
     * written. Counting the stream matters: where the very first stream compresses, the frame
     * so far is only its header, and a buffer sized from that would be grown (copied) again
     * and again.
     */
    private void start(int j, int k, byte[] src, int at, int stored, long consumed) {
      double ratio = (double) stored / consumed;
      long projected = (long) (ratio * 1.25 * raw.length) + (1 << 16);
      int needed = (int) Math.min(Math.max(projected, at + buffers.stream.length), maxBytes);
      out = Buffers.atLeast(buffers.frame, needed);
      // filtering the earlier blocks reuses tmp, which holds this block's streams
      byte[] current = src == raw || j == 0 ? src : src.clone();
      int pos = HEADER_BYTES + 4 * blocks;
      for (int b = 0; b <= j; b++) {
        BloscEncoder.putInt(out, HEADER_BYTES + 4 * b, pos);
        int size = blockLength(b);
        int splits = split && size == blockSize ? ts : 1;
        int neblock = size / splits;
        int streams = b < j ? splits : k;
        if (streams == 0) {
          continue;
        }
        byte[] data = b < j ? filter(b, size) : current;
        int s = data == raw ? b * blockSize : 0;
        for (int q = 0; q < streams; q++) {
          BloscEncoder.putInt(out, pos, neblock);
          System.arraycopy(data, s + q * neblock, out, pos + 4, neblock);
          pos += 4 + neblock;
        }
      }
      if (current != src) {
        System.arraycopy(current, 0, src, 0, current.length);
      }
    }

    /** Grows the frame buffer to hold {@code need} bytes (while at {@code at}, in block j). */
    private void ensure(long need, int at, int j) {
      if (need <= out.length) {
        return;
      }
      long consumed = Math.max(1, (long) j * blockSize);
      long projected = (long) ((double) at / consumed * 1.25 * raw.length) + (1 << 16);
      long grown = Math.max(need, Math.max(2L * out.length, projected));
      out = Arrays.copyOf(out, (int) Math.min(grown, Math.max(need, maxBytes)));
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
  }
}
