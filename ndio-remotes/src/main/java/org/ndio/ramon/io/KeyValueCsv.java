package org.ndio.ramon.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.RamonException;

/**
 * Key-value pairs as the CSV text of ndstore's {@code KVPAIRS} dataset: one {@code key,value}
 * row per pair, written as Python's {@code csv.writer} does by default (fields holding a comma,
 * quote, CR or LF are quoted with quotes doubled; rows end in CRLF), and read as
 * {@code csv.reader} reads it (either line end, quoted fields may span lines).
 */
public final class KeyValueCsv {

  private KeyValueCsv() {}

  /** The CSV text of {@code pairs}, in their order. */
  public static String write(Map<String, String> pairs) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      field(b, e.getKey());
      b.append(',');
      field(b, e.getValue());
      b.append("\r\n");
    }
    return b.toString();
  }

  private static void field(StringBuilder b, String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0
        || s.indexOf('\n') >= 0;
    if (!quote) {
      b.append(s);
      return;
    }
    b.append('"').append(s.replace("\"", "\"\"")).append('"');
  }

  /**
   * The pairs in {@code text} (a later row replaces an earlier one with the same key, as in
   * ndstore); blank rows are skipped; a row without exactly two fields, an empty key or an
   * unclosed quote is an error naming {@code where}.
   */
  public static Map<String, String> read(String text, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int n = text.length();
    int i = 0;
    int line = 1;
    boolean fieldStarted = false;
    while (i <= n) {
      char c = i < n ? text.charAt(i) : '\n';
      boolean end = i == n;
      if (!end && c == '"' && !fieldStarted && f.length() == 0) {
        int close = i + 1;
        while (true) {
          if (close >= n) {
            throw new RamonException(where + ": KVPAIRS row " + line + " has an unclosed quote");
          }
          char q = text.charAt(close);
          if (q == '"') {
            if (close + 1 < n && text.charAt(close + 1) == '"') {
              f.append('"');
              close += 2;
              continue;
            }
            break;
          }
          if (q == '\n') {
            line++;
          }
          f.append(q);
          close++;
        }
        i = close + 1;
        fieldStarted = true;
        // Python's reader keeps text after a closing quote as part of the field.
        continue;
      }
      if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
        fieldStarted = false;
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        boolean blank = row.isEmpty() && f.length() == 0 && !fieldStarted;
        if (!blank) {
          row.add(f.toString());
          add(out, row, line, where);
        }
        row.clear();
        f.setLength(0);
        fieldStarted = false;
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        i++;
        line++;
        continue;
      }
      f.append(c);
      fieldStarted = true;
      i++;
    }
    return out;
  }

  private static void add(Map<String, String> out, List<String> row, int line, String where) {
    if (row.size() != 2) {
      throw new RamonException(where + ": KVPAIRS row " + line + " has " + row.size()
          + " field" + (row.size() == 1 ? "" : "s") + "; expected key,value");
    }
    if (row.get(0).isEmpty()) {
      throw new RamonException(where + ": KVPAIRS row " + line + " has an empty key");
    }
    out.put(row.get(0), row.get(1));
  }
}
