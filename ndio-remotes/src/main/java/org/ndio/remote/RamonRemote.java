package org.ndio.remote;

import java.util.List;
import java.util.Optional;
import org.ndio.ramon.RamonObject;
import org.ndio.volume.BoundingBox;

/**
 * RAMON annotation objects of one annotation channel (NeuroData), channel (BOSS) or labels
 * instance (DVID): each object is an id, typed metadata, and the voxels of the channel labelled
 * with that id. Reached with {@link Remote#ramon()}.
 *
 * <p>Requests carry many ids at once, at most {@link #batchSize()} per request (the original
 * ndio sent 100). Errors are typed: {@link org.ndio.RamonNotFoundException} for an id that is
 * not stored, {@link org.ndio.RamonException} for objects a server refuses (unknown type, a link
 * to a missing object, a voxel conflict in {@link PostMode#EXCEPTION} mode), with nothing of
 * the refused batch stored.
 */
public interface RamonRemote {

  /** The objects {@code ids}, in that order, read as {@code how} says. */
  List<RamonObject> getRamon(long[] ids, RamonRead how);

  /** One object. */
  default RamonObject getRamon(long id, RamonRead how) {
    return getRamon(new long[] {id}, how).get(0);
  }

  /**
   * Creates the objects: those with id 0 are given new ids, the others keep theirs (an id that
   * is already stored is refused). Their voxels, if any, label the channel as {@code mode} says
   * where they meet other objects. Links (a segment's neuron, a synapse's segments, ...) must
   * name stored objects or objects of the same call.
   *
   * @return the ids of the objects, in order
   */
  long[] postRamon(List<RamonObject> objects, PostMode mode);

  /**
   * Replaces the metadata of stored objects (each id must be stored) and adds their voxels, if
   * any, as {@code mode} says. Voxels the object already had stay labelled.
   */
  void updateRamon(List<RamonObject> objects, PostMode mode);

  /** Deletes the objects and unlabels their voxels; ids that are not stored are ignored. */
  void deleteRamon(long[] ids);

  /** The ids of the objects the query selects, ascending. */
  long[] queryRamon(RamonQuery query);

  /** The smallest box holding every voxel of object {@code id} at {@code resolution}, if any. */
  Optional<BoundingBox> ramonBoundingBox(long id, int resolution);

  /** Reserves {@code count} ids that no post will assign. */
  Remote.IdRange reserveIds(long count);

  /**
   * Merges the objects into the first: the voxels of the others are relabelled with the first
   * id at {@code resolution}, and the others are deleted.
   */
  void mergeRamon(long[] ids, int resolution);

  /** The most ids or objects one request carries. */
  int batchSize();
}
