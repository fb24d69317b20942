package org.ndio.format;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes read at increasing offsets, from a file (which may seek anywhere) or from a stream such
 * as a zip entry or a gzip file (which can only skip forward). Box reads visit their rows in
 * file order, so one reading routine serves both kinds.
 */
public abstract class SeekableInput implements Closeable {

  /**
   * Fills {@code dst[off, off + len)} with the bytes at {@code offset}. On a stream, offsets
   * must not decrease between calls. Throws {@link EOFException} where the input ends first.
   */
  public abstract void readFully(long offset, byte[] dst, int off, int len) throws IOException;

  /**
   * Called once the last byte of the data has been read: a stream reads on to its end, so that
   * a checksum kept at or checked at the end (gzip's trailer, a zip entry's CRC) is verified.
   */
  public void finish() throws IOException {}

  /**
   * Reads into a heap array go through a temporary direct buffer of the read's size, cached per
   * thread: reads of at most this many bytes keep it small, where one of a whole 64 MiB block
   * made each new reading thread allocate and fault in a buffer that large (half a second).
   */
  static final int CHANNEL_PIECE = 1 << 20;

  /** Positional reads of a channel that the caller keeps open (closing this does not close it). */
  public static SeekableInput of(FileChannel channel) {
    return new SeekableInput() {
      @Override
      public void readFully(long offset, byte[] dst, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
          ByteBuffer buf = ByteBuffer.wrap(dst, off + done, Math.min(CHANNEL_PIECE, len - done));
          int n = channel.read(buf, offset + done);
          if (n < 0) {
            throw new EOFException("input ends at byte " + (offset + done) + ", "
                + (len - done) + " more bytes needed");
          }
          done += n;
        }
      }

      @Override
      public void close() {}
    };
  }

  /** Forward-only reads of a stream starting at offset 0; closing this closes the stream. */
  public static SeekableInput of(InputStream in) {
    return new SeekableInput() {
      private long position;

      @Override
      public void readFully(long offset, byte[] dst, int off, int len) throws IOException {
        if (offset < position) {
          throw new IllegalStateException(
              "stream read at " + offset + " after reading up to " + position);
        }
        skip(offset - position);
        int n = in.readNBytes(dst, off, len);
        position += n;
        if (n < len) {
          throw new EOFException("input ends at byte " + position + ", " + (len - n)
              + " more bytes needed");
        }
      }

      private void skip(long count) throws IOException {
        // Read and drop rather than InputStream.skip: inflating streams skip 512 bytes a call.
        byte[] sink = new byte[(int) Math.min(count, 64 << 10)];
        long left = count;
        while (left > 0) {
          int n = in.readNBytes(sink, 0, (int) Math.min(left, sink.length));
          position += n;
          left -= n;
          if (n == 0) {
            throw new EOFException("input ends at byte " + position + " before byte "
                + (position + left));
          }
        }
      }

      @Override
      public void finish() throws IOException {
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
          // trailing bytes are dropped; reaching the end is what triggers the checks
        }
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
