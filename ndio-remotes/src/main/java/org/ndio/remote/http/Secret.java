package org.ndio.remote.http;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A token that must never be shown: {@code toString()} gives {@code ***}, and only {@link
 * #reveal()} (called where a header or URL is built) gives the value. It is serialisable so
 * that a parallel write to a remote can take it to the tasks that post the cutouts.
 */
public final class Secret implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The token in the environment variable {@code name}, if set and not blank. */
  public static Optional<Secret> fromEnvironment(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(new Secret(v.trim()));
  }

  public String reveal() {
    return value;
  }

  /** {@code text} with every occurrence of this token replaced by {@code ***}. */
  public String redact(String text) {
    return text == null || value.isEmpty() ? text : text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
