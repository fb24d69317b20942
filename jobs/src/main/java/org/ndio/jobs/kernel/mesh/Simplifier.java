package org.ndio.jobs.kernel.mesh;

/** Placeholder, replaced below. */
final class Simplifier {
  private Simplifier() {}

  static Mesh simplify(Mesh m, double ratio) {
    return m;
  }
}
