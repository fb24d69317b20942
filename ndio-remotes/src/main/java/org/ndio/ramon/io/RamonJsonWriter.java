package org.ndio.ramon.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;

/** One RAMON object as an entry of ndstore's flat JSON form ({@code annotation.toDict}). */
final class RamonJsonWriter {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RamonJsonWriter() {}

  static ObjectNode entry(RamonObject o, boolean withVoxels, String where) {
    Keys.requireNoFieldKeys(o, where);
    Map<String, String> kv = Keys.stored(o, where);
    ObjectNode e = F.objectNode();
    e.put("ann_id", o.id());
    e.put("ann_type", RamonH5Writer.code(o.type()));
    e.put("ann_status", o.common().status().code());
    e.put("ann_confidence", o.common().confidence());
    e.put("ann_author", o.common().author());
    if (o instanceof Synapse s) {
      e.put("syn_weight", s.weight());
      e.put("syn_type", s.synapseType().code());
      SynapseLists l = SynapseLists.of(s.segments());
      ids(e, "syn_seeds", s.seeds());
      ids(e, "syn_segments", l.unknown());
      ids(e, "syn_presegments", l.pre());
      ids(e, "syn_postsegments", l.post());
      e.put("syn_centroid", point(s.centroid()));
    } else if (o instanceof Seed s) {
      e.put("seed_parent", s.parent());
      e.put("seed_position", point(s.position()));
      e.put("seed_cubelocation", s.cubeLocation());
      e.put("seed_source", s.source());
    } else if (o instanceof Segment s) {
      e.put("seg_class", s.segmentClass().code());
      e.put("seg_parentseed", s.parentSeed());
      e.put("seg_neuron", s.neuron());
      ids(e, "seg_synapses", s.synapses());
      ids(e, "seg_organelles", s.organelles());
    } else if (o instanceof Neuron n) {
      ids(e, "neu_segments", n.segments());
    } else if (o instanceof Organelle s) {
      e.put("org_class", s.organelleClass().code());
      e.put("org_segment", s.segment());
      e.put("org_centroid", point(s.centroid()));
      e.put("org_parentseed", s.parentSeed());
      ids(e, "org_seeds", s.seeds());
    } else if (o instanceof Node s) {
      e.put("node_type", s.nodeType());
      e.put("node_location", s.location()
          .map(p -> JsonValues.dumps(List.of(p.x(), p.y(), p.z()))).orElse("[]"));
      e.put("node_parent", s.parent());
      e.put("node_radius", s.radius());
      e.put("node_skeleton", s.skeleton());
      ids(e, "node_children", s.children());
    } else if (o instanceof Skeleton s) {
      e.put("skel_type", s.skeletonType());
      e.put("skel_rootnode", s.rootNode());
      ids(e, "skel_nodes", s.nodes());
    } else if (o instanceof Roi s) {
      e.put("roi_parent", s.parent());
      ids(e, "roi_children", s.children());
    }
    kv.forEach(e::put);
    if (withVoxels) {
      o.voxels().ifPresent(v -> e.set(RamonJson.VOXELS_KEY, JsonVoxels.write(v)));
    }
    return e;
  }

  /** A list as ndstore's toDict leaves it: absent when empty. */
  private static void ids(ObjectNode e, String key, List<Long> ids) {
    if (!ids.isEmpty()) {
      ArrayNode a = e.putArray(key);
      ids.forEach(a::add);
    }
  }

  private static String point(Optional<Point3> p) {
    return p.map(q -> JsonValues.dumps(List.of(q.x(), q.y(), q.z()))).orElse("[]");
  }
}
