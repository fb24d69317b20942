package org.ndio.store;

import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;

/** One URL scheme: opens its volumes for reading and creates them for writing. */
public interface VolumeFormat {

  /** The URL scheme, e.g. {@code zarr}. */
  String scheme();

  /** One line for help texts: the URL form and what it names. */
  String usage();

  VolumeReader open(VolumeUrl url);

  /** Whether the URL names an existing volume. */
  default boolean exists(VolumeUrl url) {
    try (VolumeReader r = open(url)) {
      return true;
    } catch (VolumeNotFoundException e) {
      return false;
    }
  }

  VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode);

  /**
   * Begins a write by many tasks at once (see {@link ParallelWrite}); only chunked stores can.
   * With {@link WriteMode#APPEND} the spec's data type must match the existing volume's.
   */
  /** Whether {@link #beginParallel} is supported. */
  default boolean supportsParallelWrite() {
    return false;
  }

  default ParallelWrite beginParallel(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    throw new UnsupportedFeatureException(url + ": " + scheme() + " volumes are written by one"
        + " process only; write a zarr: array in parallel, then convert it");
  }

  /**
   * Reopens a parallel write that a process which stopped (killed, crashed) began, from its
   * {@link ParallelWrite#resumeState()}: what that process wrote stays, tasks write the rest,
   * and {@link ParallelWrite#commit()} publishes it as the first process would have.
   */
  default ParallelWrite resumeParallel(VolumeUrl url, String state) {
    throw new UnsupportedFeatureException(url + ": writes to " + scheme() + " volumes cannot"
        + " be resumed");
  }
}
