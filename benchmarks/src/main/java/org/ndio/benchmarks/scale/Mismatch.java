package org.ndio.benchmarks.scale;

/** A job's output differs from the known truth: the run fails rather than record a row. */
final class Mismatch extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Mismatch(String message) {
    super(message);
  }
}
