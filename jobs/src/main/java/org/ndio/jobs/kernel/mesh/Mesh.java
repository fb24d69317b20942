package org.ndio.jobs.kernel.mesh;

import java.io.Serializable;

/**
 * A triangle mesh with vertex positions: {@code x, y, z} per vertex and three vertex indices per
 * triangle, counter-clockwise seen from outside, so normals point outward and the enclosed
 * volume is positive. Immutable; accessors that return arrays return copies.
 */
public final class Mesh implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] xyz;
  private final int[] triangles;

  Mesh(double[] xyz, int[] triangles) {
    this.xyz = xyz;
    this.triangles = triangles;
  }

  /** A mesh from positions (three per vertex) and triangles; the arrays are copied. */
  public static Mesh of(double[] xyz, int[] triangles) {
    if (xyz.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("positions and triangles must come in triples, got "
          + xyz.length + " and " + triangles.length);
    }
    int n = xyz.length / 3;
    for (int t : triangles) {
      if (t < 0 || t >= n) {
        throw new IllegalArgumentException("triangle index " + t + " outside the " + n
            + " vertices");
      }
    }
    return new Mesh(xyz.clone(), triangles.clone());
  }

  public int vertexCount() {
    return xyz.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  public double x(int vertex) {
    return xyz[3 * vertex];
  }

  public double y(int vertex) {
    return xyz[3 * vertex + 1];
  }

  public double z(int vertex) {
    return xyz[3 * vertex + 2];
  }

  /** Vertex {@code corner} (0..2) of triangle {@code t}. */
  public int corner(int t, int corner) {
    return triangles[3 * t + corner];
  }

  /** Positions, {@code x, y, z} per vertex (a copy). */
  public double[] positions() {
    return xyz.clone();
  }

  /** Vertex indices, three per triangle (a copy). */
  public int[] triangles() {
    return triangles.clone();
  }

  /** The signed volume enclosed (positive for a closed mesh with outward normals). */
  public double volume() {
    double sum = 0;
    for (int t = 0; t < triangles.length; t += 3) {
      int a = 3 * triangles[t];
      int b = 3 * triangles[t + 1];
      int c = 3 * triangles[t + 2];
      // Relative to the first vertex, which keeps the sum well conditioned far from the origin.
      double bx = xyz[b] - xyz[0];
      double by = xyz[b + 1] - xyz[1];
      double bz = xyz[b + 2] - xyz[2];
      double cx = xyz[c] - xyz[0];
      double cy = xyz[c + 1] - xyz[1];
      double cz = xyz[c + 2] - xyz[2];
      double ax = xyz[a] - xyz[0];
      double ay = xyz[a + 1] - xyz[1];
      double az = xyz[a + 2] - xyz[2];
      sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
    }
    return sum / 6;
  }

  /** The surface area. */
  public double area() {
    double sum = 0;
    for (int t = 0; t < triangles.length; t += 3) {
      int a = 3 * triangles[t];
      int b = 3 * triangles[t + 1];
      int c = 3 * triangles[t + 2];
      double ux = xyz[b] - xyz[a];
      double uy = xyz[b + 1] - xyz[a + 1];
      double uz = xyz[b + 2] - xyz[a + 2];
      double vx = xyz[c] - xyz[a];
      double vy = xyz[c + 1] - xyz[a + 1];
      double vz = xyz[c + 2] - xyz[a + 2];
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
      sum += Math.sqrt(nx * nx + ny * ny + nz * nz);
    }
    return sum / 2;
  }

  /** The mesh with positions multiplied per axis, e.g. by a voxel size. */
  public Mesh scaled(double sx, double sy, double sz) {
    double[] p = new double[xyz.length];
    for (int i = 0; i < p.length; i += 3) {
      p[i] = xyz[i] * sx;
      p[i + 1] = xyz[i + 1] * sy;
      p[i + 2] = xyz[i + 2] * sz;
    }
    return new Mesh(p, triangles);
  }

  /**
   * The mesh simplified to about {@code ratio} of its triangles by quadric-error edge
   * collapses that keep it closed, 2-manifold and of the same topology; see {@link
   * Simplifier}.
   */
  public Mesh simplified(double ratio) {
    return Simplifier.simplify(this, ratio);
  }

  @Override
  public String toString() {
    return "Mesh(" + vertexCount() + " vertices, " + triangleCount() + " triangles)";
  }
}
