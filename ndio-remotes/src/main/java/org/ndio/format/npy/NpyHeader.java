package org.ndio.format.npy;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.format.SeekableInput;
import org.ndio.volume.DataType;

/**
 * The header of a numpy {@code .npy} file: format version, element type and byte order,
 * memory order, shape, and the offset where the data starts.
 *
 * <p>Layout (numpy's {@code numpy.lib.format}): the magic {@code \x93NUMPY}, a major and a minor
 * version byte, the header length as a little-endian uint16 (version 1) or uint32 (versions 2
 * and 3), then the header: a Python dict literal with the keys {@code descr}, {@code
 * fortran_order} and {@code shape}, padded with spaces and a newline; latin-1 text in versions
 * 1 and 2, UTF-8 in version 3. The data follows immediately.
 *
 * @param shape the array's shape as numpy gives it, slowest axis first
 */
public record NpyHeader(int major, int minor, String descr, DataType dtype, ByteOrder order,
    boolean fortranOrder, List<Long> shape, long dataOffset) {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  // Real headers are under 200 bytes; this bound only stops a bogus length from allocating.
  static final int MAX_HEADER_BYTES = 1 << 20;
  // numpy aligns the start of the data to this many bytes.
  private static final int ALIGN = 64;

  /** Bytes of data the header declares (checked against overflow when it was read). */
  public long dataBytes() {
    long n = dtype.bytes();
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * Reads and checks the header at the start of {@code in}.
   *
   * @param length the length of the file or archive entry, or -1 if unknown
   * @param label the URL (and entry) named in error messages
   */
  public static NpyHeader read(SeekableInput in, long length, String label) throws IOException {
    int head = (int) (length < 0 ? 8 : Math.min(length, 8));
    byte[] pre = new byte[head];
    readHeaderBytes(in, 0, pre, label);
    for (int i = 0; i < Math.min(head, MAGIC.length); i++) {
      if (pre[i] != MAGIC[i]) {
        throw new CorruptDataException(label + ": not an npy array: it does not start with the"
            + " npy magic \\x93NUMPY (found " + printable(pre) + ")");
      }
    }
    if (head < 8) {
      throw new CorruptDataException(label + ": truncated npy header: only " + length
          + " bytes, the preamble alone needs 10");
    }
    int major = pre[6] & 0xff;
    int minor = pre[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new UnsupportedFeatureException(label + ": npy format version " + major + "."
          + minor + " is not supported (ndio reads versions 1.0, 2.0 and 3.0)");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    if (length >= 0 && length < 8 + lengthBytes) {
      throw new CorruptDataException(label + ": truncated npy header: only " + length
          + " bytes, the version " + major + ".0 preamble needs " + (8 + lengthBytes));
    }
    byte[] len = new byte[lengthBytes];
    readHeaderBytes(in, 8, len, label);
    ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1 ? lb.getShort() & 0xffffL : lb.getInt() & 0xffffffffL;
    long dataOffset = 8 + lengthBytes + headerLength;
    if (length >= 0 && dataOffset > length) {
      throw new CorruptDataException(label + ": npy header declares " + headerLength
          + " bytes but only " + (length - 8 - lengthBytes) + " follow the preamble (the file"
          + " is truncated or the header length is wrong)");
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new CorruptDataException(label + ": npy header declares " + headerLength
          + " bytes, more than any array header ndio reads (" + MAX_HEADER_BYTES + ")");
    }
    byte[] text = new byte[(int) headerLength];
    readHeaderBytes(in, 8 + lengthBytes, text, label);
    String dict = decode(text, major, label);
    NpyHeader h = interpret(dict, major, dataOffset, label);
    if (length >= 0 && length - dataOffset < h.dataBytes()) {
      throw new CorruptDataException(label + ": data is truncated: header declares "
          + h.dataBytes() + " bytes of data (shape " + shapeText(h.shape) + ", " + h.descr
          + "), " + (length - dataOffset) + " present");
    }
    return h;
  }

  private static void readHeaderBytes(SeekableInput in, long offset, byte[] dst, String label)
      throws IOException {
    try {
      in.readFully(offset, dst, 0, dst.length);
    } catch (EOFException e) {
      throw new CorruptDataException(label + ": truncated npy header (" + e.getMessage() + ")",
          e);
    }
  }

  private static String decode(byte[] text, int major, String label) {
    if (major < 3) {
      return new String(text, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(text));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new CorruptDataException(label + ": npy version 3.0 header is not valid UTF-8", e);
    }
  }

  private static NpyHeader interpret(String dict, int major, long dataOffset, String label) {
    Map<String, PyLiteralParser.Value> d;
    try {
      d = PyLiteralParser.parseDict(dict);
    } catch (PyLiteralParser.SyntaxException e) {
      throw new CorruptDataException(label + ": npy header is not a dict literal of the form"
          + " {'descr': ..., 'fortran_order': ..., 'shape': (...)}: " + e.getMessage()
          + " (header: " + quote(dict) + ")");
    }
    for (String k : KEYS) {
      if (!d.containsKey(k)) {
        throw new CorruptDataException(label + ": npy header has no '" + k + "' key (header: "
            + quote(dict) + ")");
      }
    }
    for (String k : d.keySet()) {
      if (!KEYS.contains(k)) {
        throw new CorruptDataException(label + ": npy header has an unexpected key '" + k
            + "' (expected only descr, fortran_order and shape)");
      }
    }
    PyLiteralParser.Value descr = d.get("descr");
    if (descr.value() instanceof List) {
      throw new DataTypeException(label + ": structured numpy dtype " + abbreviate(descr.text())
          + " is not supported: volumes hold unsigned or signed integers of 1, 2, 4 or 8 bytes,"
          + " or 4- or 8-byte floats");
    }
    if (!(descr.value() instanceof String typestr)) {
      throw new CorruptDataException(label + ": npy header 'descr' must be a string, found "
          + abbreviate(descr.text()));
    }
    DataType.Typestr type;
    try {
      type = DataType.parseTypestr(typestr);
    } catch (DataTypeException e) {
      throw new DataTypeException(label + ": " + e.getMessage(), e);
    }
    if (!(d.get("fortran_order").value() instanceof Boolean fortran)) {
      throw new CorruptDataException(label + ": npy header 'fortran_order' must be True or"
          + " False, found " + abbreviate(d.get("fortran_order").text()));
    }
    List<Long> shape = shape(d.get("shape"), label);
    long bytes = type.type().bytes();
    try {
      for (long dim : shape) {
        bytes = Math.multiplyExact(bytes, dim);
      }
      Math.addExact(bytes, dataOffset);
    } catch (ArithmeticException e) {
      throw new CorruptDataException(label + ": npy shape " + shapeText(shape) + " of "
          + typestr + " elements is too large: its size in bytes overflows 64 bits");
    }
    return new NpyHeader(major, 0, typestr, type.type(), type.order(), fortran, shape,
        dataOffset);
  }

  private static List<Long> shape(PyLiteralParser.Value v, String label) {
    if (!(v.value() instanceof PyLiteralParser.Tuple t)) {
      throw new CorruptDataException(label + ": npy header 'shape' must be a tuple of"
          + " integers, found " + abbreviate(v.text()));
    }
    List<Long> out = new ArrayList<>();
    for (Object o : t.items()) {
      if (!(o instanceof BigInteger b)) {
        throw new CorruptDataException(label + ": npy header 'shape' must be a tuple of"
            + " integers, found " + abbreviate(v.text()));
      }
      if (b.signum() < 0 || b.bitLength() > 63) {
        throw new CorruptDataException(label + ": npy header 'shape' " + abbreviate(v.text())
            + " has a dimension that is negative or beyond 64 bits");
      }
      out.add(b.longValue());
    }
    return List.copyOf(out);
  }

  /**
   * The volume shape {@code {z, y, x}} of this array: 3D arrays are {@code (z, y, x)}, 2D
   * arrays {@code (y, x)} one section, and leading axes of size 1 beyond three are dropped.
   */
  public long[] volumeShape(String label) {
    List<Long> s = shape;
    while (s.size() > 3 && s.get(0) == 1) {
      s = s.subList(1, s.size());
    }
    if (s.size() < 2 || s.size() > 3) {
      throw new UnsupportedFeatureException(label + ": array of shape " + shapeText(shape)
          + " has " + shape.size() + " dimension" + (shape.size() == 1 ? "" : "s")
          + "; volumes are read from 2D (y, x) or 3D (z, y, x) arrays");
    }
    if (s.contains(0L)) {
      throw new UnsupportedFeatureException(label + ": array of shape " + shapeText(shape)
          + " holds no voxels");
    }
    return s.size() == 2 ? new long[] {1, s.get(0), s.get(1)}
        : new long[] {s.get(0), s.get(1), s.get(2)};
  }

  /** A shape as Python prints a tuple: {@code (5,)}, {@code (2, 3)}. */
  public static String shapeText(List<Long> shape) {
    if (shape.size() == 1) {
      return "(" + shape.get(0) + ",)";
    }
    return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * The header numpy writes for a little-endian C-order array of {@code shape}: version 1.0,
   * or 2.0 if the header does not fit 1.0's 16-bit length; padded so the data starts at a
   * multiple of 64 bytes.
   */
  public static byte[] encode(DataType dtype, List<Long> shape) {
    String dict = "{'descr': '" + dtype.typestr(ByteOrder.LITTLE_ENDIAN)
        + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
    int major = 1;
    int preamble = 10;
    int total = align(preamble + dict.length() + 1);
    if (total - preamble > 65535) {
      major = 2;
      preamble = 12;
      total = align(preamble + dict.length() + 1);
    }
    int headerLength = total - preamble;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) headerLength);
    } else {
      b.putInt(headerLength);
    }
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  private static int align(int n) {
    return (n + ALIGN - 1) / ALIGN * ALIGN;
  }

  private static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder("'");
    for (byte x : bytes) {
      int c = x & 0xff;
      sb.append(c >= 32 && c < 127 && c != '\\' ? String.valueOf((char) c)
          : String.format("\\x%02x", c));
    }
    return sb.append("'").toString();
  }

  private static String quote(String header) {
    return abbreviate("'" + header.strip().replace("\n", "\\n") + "'");
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
