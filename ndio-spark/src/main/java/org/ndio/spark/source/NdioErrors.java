package org.ndio.spark.source;

import org.ndio.NdioException;

/** Spark wraps a task's exception in its own; the user wants the ndio error inside. */
public final class NdioErrors {

  private NdioErrors() {}

  /** The first {@link NdioException} in {@code e}'s causes, or {@code e} itself. */
  public static RuntimeException unwrap(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NdioException n) {
        return n;
      }
    }
    return e;
  }
}
