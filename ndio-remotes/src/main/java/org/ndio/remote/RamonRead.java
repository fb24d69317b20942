package org.ndio.remote;

import java.util.Optional;
import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;

/**
 * How much of a RAMON object a read returns: its metadata only, or with its voxels at a
 * resolution level as a voxel list, as a tight cutout (the object's bounding box), or as a
 * cutout of a given box (voxels of other objects read as 0).
 */
public record RamonRead(Kind kind, int resolution, Optional<BoundingBox> box) {

  /** The forms a read can take. */
  public enum Kind {
    METADATA,
    VOXELS,
    CUTOUT
  }

  public RamonRead {
    if (resolution < 0) {
      throw new InvalidBoxException("resolution level must be 0 or more, got " + resolution);
    }
    if (box.isPresent() && (kind != Kind.CUTOUT || box.get().resolution() != resolution)) {
      throw new InvalidBoxException("a box restricts cutout reads at its own level only");
    }
  }

  /** Metadata only (ndstore's {@code nodata}). */
  public static RamonRead metadata() {
    return new RamonRead(Kind.METADATA, 0, Optional.empty());
  }

  /** With a voxel list at {@code resolution} (ndstore's {@code voxels/RES}). */
  public static RamonRead voxels(int resolution) {
    return new RamonRead(Kind.VOXELS, resolution, Optional.empty());
  }

  /** With the tight cutout at {@code resolution} (ndstore's {@code cutout/RES}). */
  public static RamonRead cutout(int resolution) {
    return new RamonRead(Kind.CUTOUT, resolution, Optional.empty());
  }

  /** With the cutout of {@code box} (ndstore's {@code cutout/RES/X0,X1/Y0,Y1/Z0,Z1}). */
  public static RamonRead cutout(BoundingBox box) {
    return new RamonRead(Kind.CUTOUT, box.resolution(), Optional.of(box));
  }
}
