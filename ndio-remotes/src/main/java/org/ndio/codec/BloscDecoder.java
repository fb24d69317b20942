package org.ndio.codec;

import static org.ndio.codec.BloscFrameInfo.HEADER_BYTES;
import static org.ndio.codec.BloscFrameInfo.corrupt;

import java.util.Arrays;
import org.ndio.CorruptDataException;

/**
 * Reads c-blosc 1.x frames. The layout after the header: an int32 start offset per block
 * (absolute, from the frame's first byte), then per block one stream, or {@code typesize}
 * streams (one per byte plane) when c-blosc split it, each an int32 size followed by that many
 * bytes; a size equal to the stream's raw length means the bytes are stored as they are.
 *
 * <p>A block is split exactly when the "don't split" flag is clear, {@code typesize <= 16},
 * {@code blocksize / typesize >= 128} and it is not the short last block (c-blosc's
 * {@code blosc_d} in blosc/blosc.c; the size rules keep frames from before the flag readable).
 */
final class BloscDecoder {

  private static final int MAX_SPLITS = 16;
  private static final int MIN_SPLIT_ELEMENTS = 128;

  private BloscDecoder() {}

  static byte[] decode(byte[] frame, int expectedSize) {
    BloscFrameInfo info = BloscFrameInfo.parse(frame);
    if (info.nbytes() != expectedSize) {
      throw corrupt("holds " + info.nbytes() + " bytes, expected " + expectedSize);
    }
    if (info.memcpyed() || info.nbytes() == 0) {
      // One copy is all a stored frame needs. For outputs of many MB the fresh array itself
      // costs about as much again (measured on JDK 17, G1 and Parallel alike: new byte[21 MB]
      // alone takes as long as copying 21 MB into a reused array), which no Java code avoids;
      // callers that can reuse a buffer use decodeInto.
      return Arrays.copyOfRange(frame, HEADER_BYTES, HEADER_BYTES + info.nbytes());
    }
    byte[] out = new byte[info.nbytes()];
    blocks(info, frame, out, 0);
    return out;
  }

  /** Decodes into {@code out} from {@code offset}; returns the number of bytes written. */
  static int decodeInto(byte[] frame, int length, byte[] out, int offset) {
    if (offset < 0 || offset > out.length) {
      throw new IllegalArgumentException("offset " + offset + " outside 0-" + out.length);
    }
    BloscFrameInfo info = BloscFrameInfo.parse(frame, length);
    if (info.nbytes() > out.length - offset) {
      throw corrupt("holds " + info.nbytes() + " bytes, more than the " + (out.length - offset)
          + " expected");
    }
    if (info.memcpyed()) {
      System.arraycopy(frame, HEADER_BYTES, out, offset, info.nbytes());
    } else if (info.nbytes() > 0) {
      blocks(info, frame, out, offset);
    }
    return info.nbytes();
  }

  private static void blocks(BloscFrameInfo info, byte[] frame, byte[] out, int offset) {
    try (BlockCodec codec = BlockCodec.forDecoding(info.compressor())) {
      new BloscDecoder.Run(info, frame, out, offset, codec).blocks();
    }
  }

  /** The state of one decode: the frame, its output and the scratch buffers its blocks reuse. */
  private static final class Run {
    private final BloscFrameInfo info;
    private final byte[] frame;
    /** The frame's end: its cbytes, which parsing checked against the bytes present. */
    private final int end;
    private final byte[] out;
    private final int offset;
    private final BlockCodec codec;
    private final int ts;
    private final boolean byteShuffle;
    private final boolean bitShuffle;
    private final byte[] tmp;
    private final byte[] tmp2;

    Run(BloscFrameInfo info, byte[] frame, byte[] out, int offset, BlockCodec codec) {
      this.info = info;
      this.frame = frame;
      this.end = (int) info.cbytes();
      this.out = out;
      this.offset = offset;
      this.codec = codec;
      this.ts = info.typeSize();
      this.byteShuffle = info.shuffle() == BloscShuffle.BYTE && ts > 1;
      this.bitShuffle = info.shuffle() == BloscShuffle.BIT;
      this.tmp = byteShuffle || bitShuffle ? new byte[info.blockSize()] : null;
      this.tmp2 = bitShuffle && ts > 1 ? new byte[info.blockSize()] : null;
    }

    void blocks() {
      int blocks = info.blockCount();
      int bs = info.blockSize();
      int tableEnd = HEADER_BYTES + 4 * blocks;
      for (int j = 0; j < blocks; j++) {
        long start = BloscFrameInfo.u32(frame, HEADER_BYTES + 4 * j);
        if (start < tableEnd || start > end - 4) {
          throw corrupt("block " + j + " of " + blocks + " starts at " + start
              + ", outside the data (" + tableEnd + " to " + (end - 4) + ")");
        }
        int size = j == blocks - 1 ? info.nbytes() - j * bs : bs;
        block(j, (int) start, size, size < bs);
      }
    }

    private void block(int j, int start, int size, boolean leftover) {
      boolean bits = bitShuffle && size >= ts;
      boolean filtered = byteShuffle || bits;
      byte[] dst = filtered ? tmp : out;
      int base = filtered ? 0 : offset + j * info.blockSize();
      int splits = !info.dontSplit() && ts <= MAX_SPLITS && size / ts >= MIN_SPLIT_ELEMENTS
          && !leftover ? ts : 1;
      int neblock = size / splits;
      int at = start;
      for (int k = 0; k < splits; k++) {
        if (at > end - 4) {
          throw corrupt("block " + j + ": stream " + k + " starts at " + at
              + ", past the end of the frame (" + end + " bytes)");
        }
        long csize = BloscFrameInfo.u32(frame, at);
        at += 4;
        if (csize > end - at) {
          throw corrupt("block " + j + ": stream " + k + " declares " + csize + " bytes at "
              + at + " but only " + (end - at) + " remain");
        }
        int c = (int) csize;
        int d = base + k * neblock;
        if (c == neblock) {
          System.arraycopy(frame, at, dst, d, neblock);
        } else {
          int got = codec.decompress(frame, at, c, dst, d, neblock);
          if (got != neblock) {
            throw streamError(j, k, at, c, got, neblock);
          }
        }
        at += c;
      }
      int o = offset + j * info.blockSize();
      if (byteShuffle) {
        Shuffle.unshuffle(ts, tmp, 0, size, out, o);
      } else if (bits) {
        Shuffle.bitUnshuffle(ts, tmp, 0, size, out, o, tmp2);
      }
    }

    private CorruptDataException streamError(int j, int k, int at, int c, int got, int n) {
      String what = got < 0 ? "is malformed" : "decompresses to " + got + " bytes, not " + n;
      return corrupt("block " + j + ": " + info.compressor().cname() + " stream " + k
          + " (" + c + " bytes at offset " + at + ") " + what);
    }
  }
}
