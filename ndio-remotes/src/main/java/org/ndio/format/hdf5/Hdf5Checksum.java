package org.ndio.format.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;

/**
 * The checksum of HDF5's version 2 metadata: Bob Jenkins' lookup3 {@code hashlittle} with
 * initial value 0, through jhdf's public implementation of it.
 */
final class Hdf5Checksum {

  private Hdf5Checksum() {}

  static int of(byte[] bytes) {
    return JenkinsLookup3HashLittle.hash(bytes, 0);
  }
}
