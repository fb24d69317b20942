package org.ndio.remote.neurodata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;
import org.ndio.format.npy.NpyHeader;
import org.ndio.remote.http.Placement;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;

/**
 * Inflates an {@code npz} answer ({@link NpzBody}) as it arrives, fed piece by piece, straight
 * into the place of its piece in the assembled volume. The body must hold the piece's {@code
 * (1, z, y, x)} array of the target's dtype. Little-endian C-order arrays (what ndstore sends)
 * go run by run into the target with no array in between; others are inflated whole,
 * reordered, then copied.
 */
final class NpzSink {

  private final Placement at;
  private final String label;
  private final Placement.Cursor cursor;
  private final Inflater inflater = new Inflater();
  private byte[] head = new byte[0];
  private int headNeed = 10;
  /** What {@link #head} is being filled with: 0 preamble, 1 header length, 2 header text. */
  private int stage;
  private NpyHeader header;
  /** The data of an array that is not little-endian C order, inflated whole. */
  private byte[] other;
  private int otherAt;
  private boolean trailing;

  NpzSink(Placement at, String label) {
    this.at = at;
    this.label = label;
    this.cursor = at.cursor();
  }

  /** Reads an answer's body from {@code in} to its end, into place. */
  static Void decode(InputStream in, Placement at, String label) throws IOException {
    NpzSink sink = new NpzSink(at, label);
    byte[] buffer = new byte[1 << 16];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sink.accept(ByteBuffer.wrap(buffer, 0, n));
      }
    } catch (IOException e) {
      sink.inflater.end();
      throw e;
    }
    return sink.finish();
  }

  /** The next bytes of the body; all of them are used before this returns. */
  void accept(ByteBuffer bytes) {
    try {
      inflater.setInput(bytes);
      pump();
      if (bytes.hasRemaining()) {
        if (!inflater.finished()) {
          throw new CorruptDataException(label + ": npz body is not a zlib stream this"
              + " client reads (it needs a preset dictionary)");
        }
        trailing = true;
        bytes.position(bytes.limit());
      }
    } catch (RuntimeException e) {
      inflater.end();
      throw e;
    }
  }

  /** Inflates while that gets anywhere: takes input, gives output or completes the header. */
  private void pump() {
    while (!inflater.finished()) {
      long read = inflater.getBytesRead();
      long wrote = inflater.getBytesWritten();
      int was = stage;
      boolean parsed = header != null;
      if (parsed) {
        readData();
      } else {
        readHead();
      }
      if (read == inflater.getBytesRead() && wrote == inflater.getBytesWritten()
          && was == stage && parsed == (header != null)) {
        return;
      }
    }
  }

  /** Inflates header bytes, and reads the header's length or the header once they are in. */
  private void readHead() {
    int have = head.length;
    head = Arrays.copyOf(head, headNeed);
    int n = inflate(head, have, headNeed - have);
    head = Arrays.copyOf(head, have + n);
    if (head.length < headNeed) {
      return;
    }
    if (stage == 0) {
      int major = head[6] & 0xff;
      if (head[0] != (byte) 0x93 || head[1] != 'N' || head[2] != 'U' || head[3] != 'M'
          || head[4] != 'P' || head[5] != 'Y') {
        throw new CorruptDataException(label + ": npz body does not hold an npy array (no"
            + " \\x93NUMPY magic after decompression)");
      }
      if (major < 1 || major > 3) {
        NpzBody.parseHeader(head, label); // refuses the version with NpyHeader's own message
      }
      headNeed = major == 1 ? 10 + ((head[8] & 0xff) | (head[9] & 0xff) << 8) : 12;
      stage = major == 1 ? 2 : 1;
      if (headNeed > 10) {
        return;
      }
    }
    if (stage == 1) {
      long length = ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()
          & 0xffffffffL;
      if (length > 1 << 20) {
        throw new CorruptDataException(label + ": npz body's npy header declares " + length
            + " bytes, more than any array header");
      }
      headNeed = 12 + (int) length;
      stage = 2;
      if (length > 0) {
        return;
      }
    }
    header = NpzBody.parseHeader(head, label);
    check(header);
  }

  private void check(NpyHeader h) {
    BoundingBox p = at.piece();
    DataType t = at.target().dtype();
    List<Long> want = List.of(1L, p.sizeZ(), p.sizeY(), p.sizeX());
    if (h.dtype() != t || !h.shape().equals(want)) {
      throw new CorruptDataException(label + ": the server sent an npz array of "
          + h.dtype().numpyName() + " " + NpyHeader.shapeText(h.shape()) + " for a "
          + t.numpyName() + " cutout of shape " + NpyHeader.shapeText(want));
    }
    if (h.fortranOrder() || h.order() != ByteOrder.LITTLE_ENDIAN && t.bytes() > 1) {
      other = new byte[Math.toIntExact(at.bytes())];
    }
  }

  /** Inflates array data into place; once all is in, only the stream's end may follow. */
  private void readData() {
    if (other == null) {
      cursor.inflate(inflater, label + ": npz body");
    } else {
      otherAt += inflate(other, otherAt, other.length - otherAt);
    }
    long got = other == null ? cursor.written() : otherAt;
    if (got == at.bytes()) {
      byte[] probe = new byte[1];
      if (inflate(probe, 0, 1) > 0) {
        throw new CorruptDataException(label + ": npz body holds more than the "
            + NpyHeader.shapeText(header.shape()) + " array its header declares");
      }
    }
  }

  private int inflate(byte[] dst, int off, int len) {
    return ZlibStream.inflate(inflater, dst, off, len, label);
  }

  /** The body has ended: all of the array must be in, and nothing after it. */
  Void finish() {
    try {
      pump(); // output the inflater still held back
      long got = header == null ? 0 : other == null ? cursor.written() : otherAt;
      if (header == null || got < at.bytes()) {
        throw new CorruptDataException(label + ": npz body is truncated: "
            + (header == null ? "its npy header is incomplete" : "its array data needs "
            + at.bytes() + " bytes, " + got + " present"));
      }
      if (!inflater.finished() || trailing || inflater.getRemaining() > 0) {
        throw new CorruptDataException(label + ": npz body holds more than the "
            + NpyHeader.shapeText(header.shape()) + " array its header declares");
      }
      if (other != null) {
        BoundingBox p = at.piece();
        at.target().copyFrom(new NpzBody.Decoded(header, other).volume(label),
            (int) (p.x0() - at.whole().x0()), (int) (p.y0() - at.whole().y0()),
            (int) (p.z0() - at.whole().z0()));
      }
      return null;
    } finally {
      inflater.end();
    }
  }
}
