package org.ndio.remote.neurodata;

/**
 * How cutouts travel, as ndstore names its services in the path.
 */
public enum WireFormat {
  /** {@code npz}: zlib-compressed {@code .npy} bytes, GET and POST (what ndio posted). */
  NPZ("npz"),
  /**
   * {@code hdf5}: an HDF5 file with a group named after the channel holding {@code CUTOUT},
   * {@code CHANNELTYPE} and {@code DATATYPE}, GET and POST (what ndio 1.x read cutouts as).
   */
  HDF5("hdf5"),
  /**
   * {@code raw}: the array's bytes in C order, uncompressed (the KNOSSOS service); GET only,
   * so posts go as {@link #NPZ}. Fastest on a fast network.
   */
  RAW("raw");

  private final String service;

  WireFormat(String service) {
    this.service = service;
  }

  /** The service name in the request path. */
  public String service() {
    return service;
  }
}
