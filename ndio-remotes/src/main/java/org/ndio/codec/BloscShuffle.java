package org.ndio.codec;

import java.util.Locale;

/**
 * The filter c-blosc applies to each block before compressing it, with the numbers numcodecs
 * stores in its {@code shuffle} field. {@link #AUTO} is numcodecs' -1: bit shuffle for one-byte
 * elements, byte shuffle otherwise, decided when a buffer is encoded.
 */
public enum BloscShuffle {
  AUTO(-1, "auto"),
  NONE(0, "none"),
  BYTE(1, "byte"),
  BIT(2, "bit");

  private final int code;
  private final String label;

  BloscShuffle(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The numcodecs number: -1 auto, 0 none, 1 byte, 2 bit. */
  public int code() {
    return code;
  }

  /** The word {@link Codecs#parse} reads: auto, none, byte or bit. */
  public String label() {
    return label;
  }

  /** The filter actually applied to elements of {@code typeSize} bytes. */
  public BloscShuffle resolve(int typeSize) {
    if (this != AUTO) {
      return this;
    }
    return typeSize == 1 ? BIT : BYTE;
  }

  /** The shuffle for a numcodecs number, or null if there is none. */
  static BloscShuffle fromCode(long code) {
    for (BloscShuffle s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }

  /** The shuffle for a word or number of a spec (none|byte|bit|auto|0|1|2|-1), or null. */
  static BloscShuffle fromSpec(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    for (BloscShuffle s : values()) {
      if (s.label.equals(w) || Integer.toString(s.code).equals(w)) {
        return s;
      }
    }
    return null;
  }
}
