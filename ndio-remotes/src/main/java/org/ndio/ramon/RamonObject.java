package org.ndio.ramon;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ndio.RamonException;

/**
 * One RAMON (Reusable Annotation Markup for Open coNnectomes) object: an id with a type, the
 * common fields, the fields of its type, the ids it links to, and optionally its voxels.
 * Values are immutable; {@code with...} methods return changed copies. Not serialisable
 * (optional fields); Spark jobs carry objects as rows or in the formats' bytes.
 */
public sealed interface RamonObject
    permits Generic, Synapse, Seed, Segment, Neuron, Organelle, Node, Skeleton, Roi,
        AttributedRegion, RamonVolume {

  /** Largest id: ndstore stores ids and links as unsigned 32-bit integers. */
  long MAX_ID = 0xFFFF_FFFFL;

  RamonType type();

  RamonCommon common();

  Optional<RamonVoxels> voxels();

  /** The same object with other common fields. */
  RamonObject withCommon(RamonCommon common);

  /** The same object with other voxels (or none). */
  RamonObject withVoxels(Optional<RamonVoxels> voxels);

  /**
   * Ids of the other objects this one names in fields a client sets (a synapse's segments, a
   * segment's neuron, a node's skeleton...), so a store can refuse links to missing objects.
   * Fields a server derives (a neuron's segments, a segment's synapses) are not links.
   */
  Set<Long> links();

  default long id() {
    return common().id();
  }

  default RamonObject withId(long id) {
    return withCommon(common().withId(id));
  }

  /** The same object without voxels: what a metadata-only read returns. */
  default RamonObject metadataOnly() {
    return withVoxels(Optional.empty());
  }

  /** An immutable copy of a list of ids, each checked to be a valid id. */
  static List<Long> ids(String field, List<Long> ids) {
    for (Long id : ids) {
      if (id == null || id <= 0 || id > MAX_ID) {
        throw new RamonException(field + " holds an invalid id " + id + " (ids are 1 to "
            + MAX_ID + ")");
      }
    }
    return List.copyOf(ids);
  }

  /** Checks a single optional link: 0 means none. */
  static long link(String field, long id) {
    if (id < 0 || id > MAX_ID) {
      throw new RamonException(field + " holds an invalid id " + id + " (0 for none, else 1 to "
          + MAX_ID + ")");
    }
    return id;
  }
}
