package org.ndio.format.npy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * A zip entry's bytes that are checked against the entry's size and CRC-32 when read to the
 * end: {@link java.util.zip.ZipFile} does not check them, and a damaged deflate stream can
 * still inflate to the right length.
 */
final class CrcCheckingStream extends FilterInputStream {

  private final String entry;
  private final long size;
  private final long crc;
  private final CRC32 running = new CRC32();
  private long count;

  CrcCheckingStream(InputStream in, String entry, long size, long crc) {
    super(in);
    this.entry = entry;
    this.size = size;
    this.crc = crc;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      running.update(b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      verify();
    } else {
      running.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would escape the CRC: read them instead.
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    int got = read(sink, 0, sink.length);
    return Math.max(got, 0);
  }

  private void verify() throws ZipException {
    if (size >= 0 && count != size) {
      throw new ZipException("entry '" + entry + "' holds " + count + " bytes, its directory"
          + " record says " + size);
    }
    if (crc >= 0 && running.getValue() != crc) {
      throw new ZipException(String.format("entry '%s' fails its CRC-32 check (stored %08x,"
          + " computed %08x)", entry, crc, running.getValue()));
    }
  }
}
