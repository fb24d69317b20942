package org.ndio.volume;

import java.nio.ByteOrder;
import java.util.Locale;
import org.ndio.DataTypeException;

/** Element types of a volume, named as numpy names them. */
public enum DataType {
  UINT8(1, 'u'),
  INT8(1, 'i'),
  UINT16(2, 'u'),
  INT16(2, 'i'),
  UINT32(4, 'u'),
  INT32(4, 'i'),
  UINT64(8, 'u'),
  INT64(8, 'i'),
  FLOAT32(4, 'f'),
  FLOAT64(8, 'f');

  private final int bytes;
  private final char kind;

  DataType(int bytes, char kind) {
    this.bytes = bytes;
    this.kind = kind;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  public boolean isFloat() {
    return kind == 'f';
  }

  public boolean isSigned() {
    return kind != 'u';
  }

  /** The numpy name: {@code uint8}, {@code float32}, ... */
  public String numpyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** numpy's array-protocol type string, e.g. {@code <u2}, {@code |u1}, {@code >f4}. */
  public String typestr(ByteOrder order) {
    char endian = bytes == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + endian + kind + bytes;
  }

  /** Parses a numpy name such as {@code uint16} (case-insensitive). */
  public static DataType fromName(String name) {
    for (DataType t : values()) {
      if (t.numpyName().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new DataTypeException(
        "unknown data type '" + name + "' (expected one of uint8, int8, uint16, int16, uint32,"
            + " int32, uint64, int64, float32, float64)");
  }

  /** A numpy typestr parsed into its type and byte order. */
  public record Typestr(DataType type, ByteOrder order) {}

  /**
   * Parses a numpy array-protocol type string ({@code <u2}, {@code |u1}, {@code >f8}, {@code
   * u1}). Types numpy has but volumes cannot hold (bool, complex, strings, objects, structured
   * records) are rejected with a message naming them.
   */
  public static Typestr parseTypestr(String s) {
    String t = s.trim();
    ByteOrder order = ByteOrder.nativeOrder();
    if (!t.isEmpty() && "<>|=".indexOf(t.charAt(0)) >= 0) {
      char e = t.charAt(0);
      order = e == '>' ? ByteOrder.BIG_ENDIAN : e == '<' ? ByteOrder.LITTLE_ENDIAN : order;
      t = t.substring(1);
    }
    if (t.length() >= 2) {
      char kind = t.charAt(0);
      int size;
      try {
        size = Integer.parseInt(t.substring(1));
      } catch (NumberFormatException e) {
        size = -1;
      }
      for (DataType d : values()) {
        if (d.kind == kind && d.bytes == size) {
          return new Typestr(d, order);
        }
      }
    }
    throw new DataTypeException(
        "unsupported numpy dtype '" + s + "': volumes hold unsigned or signed integers of 1, 2, 4"
            + " or 8 bytes, or 4- or 8-byte floats");
  }
}
