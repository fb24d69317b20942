package org.ndio.store;

/** One URL scheme: opens its volumes for reading and creates them for writing. */
public interface VolumeFormat {

  /** The URL scheme, e.g. {@code zarr}. */
  String scheme();

  /** One line for help texts: the URL form and what it names. */
  String usage();

  VolumeReader open(VolumeUrl url);

  VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode);
}
