package org.ndio.store;

import java.util.List;
import org.ndio.format.zarr.ZarrFormat;

/** Every scheme ndio knows, in the order help texts list them. */
final class Formats {

  private static final List<VolumeFormat> ALL = List.of(new ZarrFormat());

  private Formats() {}

  static List<VolumeFormat> all() {
    return ALL;
  }
}
