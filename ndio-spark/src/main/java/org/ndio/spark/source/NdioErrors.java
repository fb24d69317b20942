package org.ndio.spark.source;

import org.ndio.NdioException;

/** Spark wraps a task's exception in its own; the user wants the ndio error inside. */
public final class NdioErrors {

  private NdioErrors() {}

  /**
   * The first {@link NdioException} in {@code e}'s causes; else {@code e} itself if unchecked,
   * or wrapped in an {@link NdioException} that keeps its message.
   */
  public static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NdioException n) {
        return n;
      }
    }
    return e instanceof RuntimeException r ? r : new NdioException(e.getMessage(), e);
  }
}
