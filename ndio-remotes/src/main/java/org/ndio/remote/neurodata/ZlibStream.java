package org.ndio.remote.neurodata;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;

/** One zlib stream, held whole, inflated on demand into the caller's arrays. */
final class ZlibStream implements AutoCloseable {

  private final Inflater inflater = new Inflater();
  private final String label;

  ZlibStream(byte[] body, String label) {
    this.label = label;
    inflater.setInput(body);
  }

  /** Inflates exactly {@code len} bytes into {@code dst} at {@code off} ({@code what}: errors). */
  void readFully(byte[] dst, int off, int len, String what) {
    int at = 0;
    while (at < len) {
      int got = inflate(dst, off + at, len - at);
      if (got > 0) {
        at += got;
        continue;
      }
      throw new CorruptDataException(label + ": npz body is truncated: its " + what
          + " needs " + len + " bytes, " + at + " present");
    }
  }

  byte[] read(int n, String what) {
    byte[] out = new byte[n];
    readFully(out, 0, n, what);
    return out;
  }

  /** Whether the stream ends here, with nothing after it (no more data, no trailing bytes). */
  boolean atEnd() {
    byte[] probe = new byte[1];
    while (!inflater.finished()) {
      if (inflate(probe, 0, 1) > 0) {
        return false;
      }
      if (inflater.needsInput() || inflater.needsDictionary()) {
        return false; // truncated before its end-of-stream mark
      }
    }
    return inflater.getRemaining() == 0;
  }

  private int inflate(byte[] dst, int off, int len) {
    return inflate(inflater, dst, off, len, label);
  }

  /** One inflate step of an npz body; damage is a typed error naming it ({@code label}). */
  static int inflate(Inflater inflater, byte[] dst, int off, int len, String label) {
    try {
      return inflater.inflate(dst, off, len);
    } catch (DataFormatException e) {
      throw new CorruptDataException(label + ": npz body is not a zlib stream: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    inflater.end();
  }
}
