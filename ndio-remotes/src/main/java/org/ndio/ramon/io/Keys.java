package org.ndio.ramon.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ndio.RamonException;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;

/**
 * The key-value pairs a format stores for an object: the user's pairs, plus the
 * {@link RamonType#TYPE_KEY} marker for ndio's own types (stored as generic). A user pair
 * whose key a reader would take for something else is refused, never renamed.
 */
final class Keys {

  private Keys() {}

  /**
   * The keys of ndstore's flat JSON form (with the box its ramon view adds, and ndio's
   * additions), which a key-value pair may not use.
   */
  static final Set<String> FLAT_FIELDS = Set.of(
      "ann_id", "ann_type", "ann_status", "ann_confidence", "ann_author",
      "syn_weight", "syn_type", "syn_seeds", "syn_segments", "syn_presegments",
      "syn_postsegments", "syn_centroid",
      "seed_parent", "seed_position", "seed_cubelocation", "seed_source",
      "seg_class", "seg_parentseed", "seg_neuron", "seg_synapses", "seg_organelles",
      "neu_segments",
      "org_class", "org_segment", "org_centroid", "org_parentseed", "org_seeds",
      "node_type", "node_location", "node_parent", "node_radius", "node_skeleton",
      "node_children",
      "skel_type", "skel_rootnode", "skel_nodes",
      "roi_parent", "roi_children", "bbcorner", "bbdim",
      RamonJson.VOXELS_KEY);

  /** {@code o}'s pairs as a file stores them. */
  static Map<String, String> stored(RamonObject o, String where) {
    Map<String, String> kv = o.common().keyValues();
    if (kv.containsKey(RamonType.TYPE_KEY)) {
      throw new RamonException(where + ": key '" + RamonType.TYPE_KEY + "' is reserved (ndio"
          + " marks its own types with it); rename the pair");
    }
    for (String k : kv.keySet()) {
      if (k.indexOf('\0') >= 0 || kv.get(k).indexOf('\0') >= 0) {
        throw new RamonException(where + ": key-value pair '" + k.replace("\0", "\\0")
            + "' holds a NUL character, which HDF5 strings cannot");
      }
    }
    if (o.type().serverCode().isPresent()) {
      return kv;
    }
    Map<String, String> out = new LinkedHashMap<>(kv);
    out.put(RamonType.TYPE_KEY, o.type().serverName());
    return out;
  }

  /** Refuses a pair whose key is a field of ndstore's flat JSON form. */
  static void requireNoFieldKeys(RamonObject o, String where) {
    for (String k : o.common().keyValues().keySet()) {
      if (FLAT_FIELDS.contains(k)) {
        throw new RamonException(where + ": key-value pair '" + k + "' has the name of a JSON"
            + " field; rename the pair (ndstore's flat JSON holds pairs beside its fields)");
      }
    }
  }
}
