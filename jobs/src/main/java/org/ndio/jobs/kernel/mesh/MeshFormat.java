package org.ndio.jobs.kernel.mesh;

import org.ndio.UnsupportedFeatureException;

/** The mesh file formats ndio writes: Wavefront OBJ, and PLY as text or little-endian binary. */
public enum MeshFormat {
  OBJ("obj", ".obj"),
  PLY("ply", ".ply"),
  PLY_BINARY("ply-binary", ".ply");

  private final String name;
  private final String extension;

  MeshFormat(String name, String extension) {
    this.name = name;
    this.extension = extension;
  }

  /** The name on the command line: obj, ply or ply-binary. */
  public String cliName() {
    return name;
  }

  /** The file name extension, with its dot. */
  public String extension() {
    return extension;
  }

  public static MeshFormat parse(String text) {
    for (MeshFormat f : values()) {
      if (f.name.equalsIgnoreCase(text.trim())) {
        return f;
      }
    }
    throw new UnsupportedFeatureException("unknown mesh format '" + text
        + "' (use obj, ply or ply-binary)");
  }
}
