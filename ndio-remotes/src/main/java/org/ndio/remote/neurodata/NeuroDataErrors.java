package org.ndio.remote.neurodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.ndio.remote.http.HttpTransport;

/**
 * Reads ndstore's error answers: the cutout and info services answer 404 with their message as
 * the whole body, often wrapped in Python {@code repr} quotes (once per layer that caught and
 * re-raised it); Django REST framework answers 401, 403 and 405 with {@code {"detail": ...}};
 * {@code autoIngest} answers 400 with a JSON string; Django's own pages are HTML.
 */
public final class NeuroDataErrors implements HttpTransport.ErrorReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 400;

  @Override
  public String message(HttpTransport.Response r) {
    return read(r.text());
  }

  /** The server's words in one line. */
  public static String read(String body) {
    String t = body.strip();
    if (t.startsWith("{") || t.startsWith("\"") || t.startsWith("[")) {
      try {
        JsonNode n = JSON.readTree(t);
        if (n != null && n.isObject() && n.has("detail")) {
          t = n.get("detail").asText();
        } else if (n != null && n.isTextual()) {
          t = n.asText();
        }
      } catch (IOException e) {
        // not JSON after all: keep the text
      }
    }
    if (t.regionMatches(true, 0, "<!DOCTYPE", 0, 9) || t.regionMatches(true, 0, "<html", 0, 5)) {
      int a = t.indexOf("<title>");
      int b = t.indexOf("</title>");
      t = a >= 0 && b > a ? t.substring(a + 7, b) : t.replaceAll("<[^>]*>", " ");
    }
    t = unquote(t.strip());
    t = t.replaceAll("\\s+", " ").strip();
    if (t.isEmpty()) {
      return "(no message)";
    }
    return t.length() <= MAX ? t : t.substring(0, MAX - 3) + "...";
  }

  /** Strips layers of Python string {@code repr} quotes. */
  private static String unquote(String t) {
    while (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"')
        && t.charAt(t.length() - 1) == t.charAt(0)) {
      char q = t.charAt(0);
      t = t.substring(1, t.length() - 1).replace("\\" + q, String.valueOf(q))
          .replace("\\\\", "\\").strip();
    }
    return t;
  }
}
