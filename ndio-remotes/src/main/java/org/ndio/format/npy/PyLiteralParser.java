package org.ndio.format.npy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the Python literal an npy header holds: one dict with string keys whose
 * values are strings, integers, {@code True}, {@code False}, {@code None}, tuples and lists of
 * those. Nothing is evaluated; anything outside this grammar is a syntax error.
 */
final class PyLiteralParser {

  /** A value and the source text it was parsed from (to quote it in messages). */
  record Value(Object value, String text) {}

  /** A Python tuple: {@code (3, 4)}; a list is a plain {@link List}. */
  record Tuple(List<Object> items) {}

  /** Python's {@code None}. */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** A header that does not parse; the message says what was expected where. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  // Nesting deeper than any dtype numpy writes is refused before it can exhaust the stack.
  private static final int MAX_DEPTH = 32;

  private final String text;
  private int pos;

  private PyLiteralParser(String text) {
    this.text = text;
  }

  /** Parses a whole header: a dict literal followed only by whitespace. */
  static Map<String, Value> parseDict(String text) throws SyntaxException {
    PyLiteralParser p = new PyLiteralParser(text);
    p.skipSpace();
    p.expect('{');
    Map<String, Value> out = new LinkedHashMap<>();
    p.skipSpace();
    while (p.peek() != '}') {
      int keyStart = p.pos;
      if (p.peek() != '\'' && p.peek() != '"') {
        throw p.error("a quoted key");
      }
      String key = p.string();
      if (out.containsKey(key)) {
        throw new SyntaxException("key '" + key + "' appears twice (at offset " + keyStart + ")");
      }
      p.skipSpace();
      p.expect(':');
      p.skipSpace();
      int start = p.pos;
      Object v = p.value(1);
      out.put(key, new Value(v, text.substring(start, p.pos)));
      p.skipSpace();
      if (p.peek() == ',') {
        p.pos++;
        p.skipSpace();
      } else if (p.peek() != '}') {
        throw p.error("',' or '}'");
      }
    }
    p.pos++;
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("only padding after the closing '}'");
    }
    return out;
  }

  private Object value(int depth) throws SyntaxException {
    if (depth > MAX_DEPTH) {
      throw new SyntaxException("values nest deeper than " + MAX_DEPTH + " levels");
    }
    char c = peek();
    if (c == '\'' || c == '"') {
      return string();
    }
    if (c == '(') {
      return sequence(')', depth);
    }
    if (c == '[') {
      return sequence(']', depth);
    }
    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      return integer();
    }
    if (text.startsWith("True", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("False", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("None", pos)) {
      pos += 4;
      return NONE;
    }
    throw error("a string, integer, True, False, None, tuple or list");
  }

  /** A tuple or list; {@code (x)} without a comma is just {@code x}, as in Python. */
  private Object sequence(char close, int depth) throws SyntaxException {
    pos++;
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    skipSpace();
    while (peek() != close) {
      items.add(value(depth + 1));
      skipSpace();
      comma = false;
      if (peek() == ',') {
        comma = true;
        pos++;
        skipSpace();
      } else if (peek() != close) {
        throw error("',' or '" + close + "'");
      }
    }
    pos++;
    if (close == ']') {
      return List.copyOf(items);
    }
    if (items.size() == 1 && !comma) {
      return items.get(0);
    }
    return new Tuple(List.copyOf(items));
  }

  private BigInteger integer() throws SyntaxException {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    int digits = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))
        && text.charAt(pos) < 128) {
      pos++;
    }
    if (pos == digits) {
      throw error("digits");
    }
    BigInteger v = new BigInteger(text.substring(start, pos));
    // Python 2 wrote long integers with an L suffix, and numpy still reads such headers.
    if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
      pos++;
    }
    return v;
  }

  private String string() throws SyntaxException {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new SyntaxException("string opened at offset " + start + " is never closed");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\n') {
        throw new SyntaxException("line break inside a string at offset " + (pos - 1));
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("an escaped character");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '\\', '\'', '"' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'x' -> sb.append((char) hex(2));
        case 'u' -> sb.append((char) hex(4));
        case 'U' -> sb.appendCodePoint(hex(8));
        default -> sb.append('\\').append(e);
      }
    }
  }

  private int hex(int count) throws SyntaxException {
    if (pos + count > text.length()) {
      throw error(count + " hex digits");
    }
    try {
      int v = Integer.parseUnsignedInt(text.substring(pos, pos + count), 16);
      if (!Character.isValidCodePoint(v)) {
        throw error("a valid character code");
      }
      pos += count;
      return v;
    } catch (NumberFormatException e) {
      throw error(count + " hex digits");
    }
  }

  private void expect(char c) throws SyntaxException {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private SyntaxException error(String expected) {
    String found = pos >= text.length() ? "the end of the header"
        : "'" + text.substring(pos, Math.min(text.length(), pos + 12)).replace("\n", "\\n")
            + "'";
    return new SyntaxException("expected " + expected + " at offset " + pos + ", found " + found);
  }
}
