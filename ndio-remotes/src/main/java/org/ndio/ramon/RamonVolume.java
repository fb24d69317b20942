package org.ndio.ramon;

import java.util.Optional;
import java.util.Set;

/**
 * A volume annotation (the original ndio's and CAJAL's type 8): a block of voxels with common
 * fields. ndstore has no such type; ndio stores it there as a generic annotation marked with
 * {@link RamonType#TYPE_KEY}.
 */
public record RamonVolume(RamonCommon common, Optional<RamonVoxels> voxels)
    implements RamonObject {
  public static RamonVolume of(long id) {
    return new RamonVolume(RamonCommon.of(id), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.VOLUME;
  }

  @Override
  public RamonVolume withCommon(RamonCommon c) {
    return new RamonVolume(c, voxels);
  }

  @Override
  public RamonVolume withVoxels(Optional<RamonVoxels> v) {
    return new RamonVolume(common, v);
  }

  @Override
  public Set<Long> links() {
    return Set.of();
  }
}
