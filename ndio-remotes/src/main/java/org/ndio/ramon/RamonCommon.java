package org.ndio.ramon;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ndio.RamonException;

/**
 * The fields every RAMON object has. {@code id} 0 asks a server to assign one. Key-value pairs
 * keep their order; keys and values may hold any text (commas, quotes, newlines), which the
 * formats escape.
 */
public record RamonCommon(long id, Status status, double confidence, String author,
    Map<String, String> keyValues) implements Serializable {

  public RamonCommon {
    if (id < 0 || id > RamonObject.MAX_ID) {
      throw new RamonException("RAMON id " + id + " is out of range (0 to " + RamonObject.MAX_ID
          + "; 0 asks the server for one)");
    }
    Objects.requireNonNull(status, "status");
    if (!Double.isFinite(confidence)) {
      throw new RamonException("RAMON object " + id + ": confidence must be a finite number, got "
          + confidence);
    }
    author = author == null ? "" : author;
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : keyValues.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new RamonException("RAMON object " + id + ": a key-value pair has an empty key");
      }
      if (e.getValue() == null) {
        throw new RamonException("RAMON object " + id + ": key '" + e.getKey() + "' has no value");
      }
      copy.put(e.getKey(), e.getValue());
    }
    keyValues = Collections.unmodifiableMap(copy);
  }

  /** Defaults (unprocessed, confidence 0, no author, no pairs) for {@code id}. */
  public static RamonCommon of(long id) {
    return new RamonCommon(id, Status.UNPROCESSED, 0, "", Map.of());
  }

  public RamonCommon withId(long newId) {
    return new RamonCommon(newId, status, confidence, author, keyValues);
  }

  /** These fields with {@code key} set to {@code value} (added last, or replaced in place). */
  public RamonCommon with(String key, String value) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>(keyValues);
    m.put(key, value);
    return new RamonCommon(id, status, confidence, author, m);
  }
}
