package org.ndio.remote;

/**
 * What a RAMON post does where a posted voxel is already labelled with another object (ndstore's
 * {@code overwrite}, {@code preserve} and {@code exception} options).
 */
public enum PostMode {
  /** The posted object takes the voxel (ndstore's default). */
  OVERWRITE,
  /** The voxel keeps its label; the posted object does not get it. */
  PRESERVE,
  /**
   * The whole post is refused and nothing is stored. (ndstore instead keeps the old label and
   * lists the voxel in its exceptions table, which ndio does not model.)
   */
  EXCEPTION;

  /** The option segment of ndstore's post URL. */
  public String option() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
