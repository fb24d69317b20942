package org.ndio.remote.neurodata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.Deflater;
import org.ndio.CorruptDataException;
import org.ndio.codec.Expansion;
import org.ndio.format.SeekableInput;
import org.ndio.format.npy.NpyHeader;
import org.ndio.volume.Volume;

/**
 * ndstore's {@code npz} body: a numpy {@code .npy} file (what {@code numpy.save} writes) of the
 * cutout with a leading channel axis, shape {@code (channels, z, y, x)}, compressed whole as one
 * zlib stream ({@code zlib.compress}). It is not a zip archive despite the name. The server sends
 * it for GETs and takes it for POSTs, one channel per request for us.
 */
public final class NpzBody {

  /** The decoded array: its header (shape as numpy gives it) and its data bytes. */
  public record Decoded(NpyHeader header, byte[] data) {

    /** The shape, slowest axis first, e.g. {@code [1, z, y, x]}. */
    public List<Long> shape() {
      return header.shape();
    }

    /**
     * The volume of a {@code (1, z, y, x)} array, sharing the decoded bytes where they are
     * little-endian C order.
     */
    public Volume volume(String label) {
      List<Long> s = header.shape();
      if (s.size() != 4 || s.get(0) != 1) {
        throw new CorruptDataException(label + ": npz body holds an array of shape "
            + NpyHeader.shapeText(s) + ", expected (1, z, y, x)");
      }
      int sz = Math.toIntExact(s.get(1));
      int sy = Math.toIntExact(s.get(2));
      int sx = Math.toIntExact(s.get(3));
      if (header.fortranOrder()) {
        return Volume.fromFortranBytes(header.dtype(), sx, sy, sz, data, 0, header.order());
      }
      if (header.order() == ByteOrder.BIG_ENDIAN) {
        Volume.swapInPlace(data, header.dtype().bytes());
      }
      return Volume.wrap(header.dtype(), sx, sy, sz, data);
    }
  }

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private NpzBody() {}

  /** {@code zlib.compress(numpy.save(v[numpy.newaxis]))} at the given zlib level. */
  public static byte[] encode(Volume v, int level) {
    return encode(v, List.of(1L, (long) v.sizeZ(), (long) v.sizeY(), (long) v.sizeX()), level);
  }

  /**
   * The volume's C-order bytes under another numpy shape of as many elements, e.g. {@code (1,
   * 1, z, y, x)} for a cutout with a time axis.
   */
  public static byte[] encode(Volume v, List<Long> shape, int level) {
    byte[] header = NpyHeader.encode(v.dtype(), shape);
    byte[] data = v.array();
    Deflater d = new Deflater(level);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(
          (int) Math.min(Integer.MAX_VALUE - 8, (long) data.length / 2 + 1024));
      byte[] buf = new byte[1 << 16];
      d.setInput(header);
      drain(d, out, buf);
      d.setInput(data);
      d.finish();
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static void drain(Deflater d, ByteArrayOutputStream out, byte[] buf) {
    while (!d.needsInput()) {
      int n = d.deflate(buf);
      out.write(buf, 0, n);
    }
  }

  /**
   * Inflates and parses a body. The data size the npy header declares is checked against
   * {@link Volume#MAX_BYTES} before anything is allocated, and against what the stream holds.
   */
  public static Decoded decode(byte[] body, String label) {
    try (ZlibStream z = new ZlibStream(body, label)) {
      NpyHeader h = readHeader(z, label);
      long bytes = h.dataBytes();
      Expansion.require(bytes, body.length, Expansion.DEFLATE, label + ": npz body");
      byte[] data = z.read((int) bytes, "array data");
      requireEnd(z, h, label);
      return new Decoded(h, data);
    }
  }

  /** The npy preamble and header at the start of the stream, checked. */
  private static NpyHeader readHeader(ZlibStream z, String label) {
    byte[] pre = z.read(10, "npy preamble");
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre[i] != MAGIC[i]) {
        throw new CorruptDataException(label + ": npz body does not hold an npy array (no"
            + " \\x93NUMPY magic after decompression)");
      }
    }
    int major = pre[6] & 0xff;
    if (major < 1 || major > 3) {
      parseHeader(pre, label); // refuses the version with NpyHeader's own message
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] len = major == 1 ? new byte[0] : z.read(2, "npy preamble");
    ByteBuffer lb = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    lb.put(pre, 8, 2).put(len).put(new byte[4 - 2 - len.length]).flip();
    long headerLength = major == 1 ? lb.getShort() & 0xffffL : lb.getInt() & 0xffffffffL;
    if (headerLength > 1 << 20) {
      throw new CorruptDataException(label + ": npz body's npy header declares "
          + headerLength + " bytes, more than any array header");
    }
    byte[] text = z.read((int) headerLength, "npy header");
    byte[] head = new byte[8 + lengthBytes + text.length];
    System.arraycopy(pre, 0, head, 0, 10);
    System.arraycopy(len, 0, head, 10, len.length);
    System.arraycopy(text, 0, head, 8 + lengthBytes, text.length);
    NpyHeader h = parseHeader(head, label);
    long bytes = h.dataBytes();
    if (bytes > Volume.MAX_BYTES) {
      throw new CorruptDataException(label + ": npz body declares an array of shape "
          + NpyHeader.shapeText(h.shape()) + " (" + bytes + " bytes), more than one volume"
          + " holds");
    }
    return h;
  }

  /** Either more compressed data or trailing garbage: the body is not what it declares. */
  private static void requireEnd(ZlibStream z, NpyHeader h, String label) {
    if (!z.atEnd()) {
      throw new CorruptDataException(label + ": npz body holds more than the "
          + NpyHeader.shapeText(h.shape()) + " array its header declares");
    }
  }

  static NpyHeader parseHeader(byte[] head, String label) {
    try (SeekableInput in = SeekableInput.of(new ByteArrayInputStream(head))) {
      return NpyHeader.read(in, -1, label + ": npz body");
    } catch (IOException e) {
      throw new CorruptDataException(label + ": npz body: " + e.getMessage(), e);
    }
  }
}
