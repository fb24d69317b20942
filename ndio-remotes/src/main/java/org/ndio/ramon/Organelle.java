package org.ndio.ramon;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An organelle: its class, the segment it lies in, its centroid, the seeds it grew from. */
public record Organelle(RamonCommon common, OrganelleClass organelleClass, long segment,
    long parentSeed, List<Long> seeds, Optional<Point3> centroid, Optional<RamonVoxels> voxels)
    implements RamonObject {

  public Organelle {
    Objects.requireNonNull(organelleClass, "organelleClass");
    RamonObject.link("organelle " + common.id() + " segment", segment);
    RamonObject.link("organelle " + common.id() + " parent seed", parentSeed);
    seeds = RamonObject.ids("organelle " + common.id() + " seeds", seeds);
  }

  public static Organelle of(long id) {
    return new Organelle(RamonCommon.of(id), OrganelleClass.UNKNOWN, 0, 0, List.of(),
        Optional.empty(), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.ORGANELLE;
  }

  @Override
  public Organelle withCommon(RamonCommon c) {
    return new Organelle(c, organelleClass, segment, parentSeed, seeds, centroid, voxels);
  }

  @Override
  public Organelle withVoxels(Optional<RamonVoxels> v) {
    return new Organelle(common, organelleClass, segment, parentSeed, seeds, centroid, v);
  }

  @Override
  public Set<Long> links() {
    Set<Long> s = new HashSet<>(seeds);
    if (segment != 0) {
      s.add(segment);
    }
    if (parentSeed != 0) {
      s.add(parentSeed);
    }
    return Set.copyOf(s);
  }
}
