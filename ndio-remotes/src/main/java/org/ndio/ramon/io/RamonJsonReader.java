package org.ndio.ramon.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ndio.RamonException;
import org.ndio.ramon.FlowDirection;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.SynapseLink;

/**
 * Reads RAMON JSON entries: ndstore's flat form ({@code ann_*} keys beside type fields and
 * key-value pairs) and the older nested form ({@code {"type", "metadata"}}, as ndstore's
 * {@code jsonann.py} and the original ndio's {@code to_json} wrote it).
 */
final class RamonJsonReader {

  private static final Pattern DECIMAL = Pattern.compile("\\d+");
  private static final Set<String> NESTED_NODE =
      Set.of("nodetype", "node_type", "parentid", "skeletonid", "skeleton", "radius",
          "children", "location");
  private static final Set<String> NESTED_SKELETON =
      Set.of("skeletontype", "skeleton_type", "rootnode", "root_node", "nodes");

  private RamonJsonReader() {}

  static List<RamonObject> read(JsonNode root, String source, TypeCodes codes) {
    if (!root.isObject()) {
      throw new RamonException(source + ": expected a JSON object of objects by id, got "
          + JsonValues.shown(root));
    }
    List<RamonObject> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = source + ": object '" + e.getKey() + "'";
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        throw new RamonException(where + " is " + JsonValues.shown(v) + ", not a JSON object");
      }
      boolean nested = !v.has("ann_type") && (v.has("metadata") || v.has("type"));
      out.add(nested ? nested(e.getKey(), v, where, codes) : flat(e.getKey(), v, where, codes));
    }
    return out;
  }

  private static long id(String key, JsonNode explicit, String field, String where) {
    Long fromKey = null;
    if (DECIMAL.matcher(key).matches()) {
      if (key.length() > 10 || Long.parseLong(key) > RamonObject.MAX_ID) {
        throw new RamonException(where + ": key is not a valid id (0 to " + RamonObject.MAX_ID
            + ")");
      }
      fromKey = Long.parseLong(key);
    }
    if (explicit == null) {
      if (fromKey == null) {
        throw new RamonException(where + ": key is not an id and there is no " + field);
      }
      return fromKey;
    }
    long id = JsonValues.link(explicit, where + "." + field);
    if (fromKey != null && fromKey != id && fromKey != 0 && id != 0) {
      throw new RamonException(where + ": key and " + field + " " + id + " disagree");
    }
    return id != 0 ? id : fromKey == null ? 0 : fromKey;
  }

  private static RamonObject flat(String key, JsonNode v, String where, TypeCodes codes) {
    RamonDraft d = new RamonDraft();
    d.id = id(key, v.get("ann_id"), "ann_id", where);
    if (!v.has("ann_type")) {
      throw new RamonException(where + " has no ann_type (nor a nested type)");
    }
    long code = JsonValues.integer(v.get("ann_type"), where + ".ann_type");
    RamonType type = codes.resolve(code, t -> hasPrefix(v, t == RamonType.NODE ? "node_"
        : "skel_"), where);
    Map<String, JsonNode> rest = new LinkedHashMap<>();
    v.fields().forEachRemaining(f -> rest.put(f.getKey(), f.getValue()));
    rest.remove("ann_id");
    rest.remove("ann_type");
    // ndstore's /nd/ramon/ view adds the object's box; RamonHdf5.readBoundingBoxes reads it.
    rest.remove("bbcorner");
    rest.remove("bbdim");
    F f = new F(rest, where);
    f.opt("ann_status", n -> d.status = JsonValues.code(n, f.at("ann_status")));
    f.opt("ann_confidence", n -> d.confidence = JsonValues.number(n, f.at("ann_confidence")));
    f.opt("ann_author", n -> d.author = JsonValues.text(n, f.at("ann_author")));
    switch (type) {
      case SYNAPSE -> {
        f.opt("syn_weight", n -> d.weight = JsonValues.number(n, f.at("syn_weight")));
        f.opt("syn_type", n -> d.synapseType = JsonValues.code(n, f.at("syn_type")));
        f.opt("syn_seeds", n -> d.seeds = JsonValues.ids(n, f.at("syn_seeds")));
        f.opt("syn_segments", n -> d.synSegments = JsonValues.ids(n, f.at("syn_segments")));
        f.opt("syn_presegments", n -> d.synPre = JsonValues.ids(n, f.at("syn_presegments")));
        f.opt("syn_postsegments", n -> d.synPost = JsonValues.ids(n, f.at("syn_postsegments")));
        f.opt("syn_centroid", n -> d.centroid = JsonValues.point(n, f.at("syn_centroid")));
      }
      case SEED -> {
        f.opt("seed_parent", n -> d.parent = JsonValues.link(n, f.at("seed_parent")));
        f.opt("seed_position", n -> d.position = JsonValues.point(n, f.at("seed_position")));
        f.opt("seed_cubelocation", n -> d.cubeLocation = JsonValues.code(n,
            f.at("seed_cubelocation")));
        f.opt("seed_source", n -> d.source = JsonValues.link(n, f.at("seed_source")));
      }
      case SEGMENT -> {
        f.opt("seg_class", n -> d.segmentClass = JsonValues.code(n, f.at("seg_class")));
        f.opt("seg_parentseed", n -> d.parentSeed = JsonValues.link(n, f.at("seg_parentseed")));
        f.opt("seg_neuron", n -> d.neuron = JsonValues.link(n, f.at("seg_neuron")));
        f.opt("seg_synapses", n -> d.synapses = JsonValues.ids(n, f.at("seg_synapses")));
        f.opt("seg_organelles", n -> d.organelles = JsonValues.ids(n, f.at("seg_organelles")));
      }
      case NEURON -> f.opt("neu_segments", n -> d.segments = JsonValues.ids(n,
          f.at("neu_segments")));
      case ORGANELLE -> {
        f.opt("org_class", n -> d.organelleClass = JsonValues.code(n, f.at("org_class")));
        f.opt("org_segment", n -> d.segment = JsonValues.link(n, f.at("org_segment")));
        f.opt("org_centroid", n -> d.centroid = JsonValues.point(n, f.at("org_centroid")));
        f.opt("org_parentseed", n -> d.parentSeed = JsonValues.link(n, f.at("org_parentseed")));
        f.opt("org_seeds", n -> d.seeds = JsonValues.ids(n, f.at("org_seeds")));
      }
      case NODE -> {
        f.opt("node_type", n -> d.nodeType = JsonValues.code(n, f.at("node_type")));
        f.opt("node_location", n -> d.location = JsonValues.location(n, f.at("node_location")));
        f.opt("node_parent", n -> d.parent = JsonValues.link(n, f.at("node_parent")));
        f.opt("node_radius", n -> d.radius = JsonValues.number(n, f.at("node_radius")));
        f.opt("node_skeleton", n -> d.skeleton = JsonValues.link(n, f.at("node_skeleton")));
        f.opt("node_children", n -> d.children = JsonValues.ids(n, f.at("node_children")));
      }
      case SKELETON -> {
        f.opt("skel_type", n -> d.skeletonType = JsonValues.code(n, f.at("skel_type")));
        f.opt("skel_rootnode", n -> d.rootNode = JsonValues.link(n, f.at("skel_rootnode")));
        f.opt("skel_nodes", n -> d.nodes = JsonValues.ids(n, f.at("skel_nodes")));
      }
      case ROI -> {
        f.opt("roi_parent", n -> d.parent = JsonValues.link(n, f.at("roi_parent")));
        f.opt("roi_children", n -> d.children = JsonValues.ids(n, f.at("roi_children")));
      }
      default -> {
        // only the common fields
      }
    }
    f.opt(RamonJson.VOXELS_KEY, n -> d.voxels = java.util.Optional.of(
        JsonVoxels.read(n, f.at(RamonJson.VOXELS_KEY))));
    for (Map.Entry<String, JsonNode> e : rest.entrySet()) {
      if (Keys.FLAT_FIELDS.contains(e.getKey())) {
        throw new RamonException(where + " holds field " + e.getKey() + ", which a "
            + type.serverName() + " does not have");
      }
      d.keyValues.put(e.getKey(), JsonValues.scalar(e.getValue(), where + "." + e.getKey()));
    }
    return d.build(type, where);
  }

  private static boolean hasPrefix(JsonNode v, String prefix) {
    Iterator<String> names = v.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static RamonObject nested(String key, JsonNode v, String where, TypeCodes codes) {
    RamonDraft d = new RamonDraft();
    d.id = id(key, v.get("id"), "id", where);
    JsonNode meta = v.has("metadata") ? v.get("metadata")
        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (!meta.isObject()) {
      throw new RamonException(where + ".metadata is " + JsonValues.shown(meta)
          + ", not a JSON object");
    }
    JsonNode t = v.get("type");
    if (t == null) {
      throw new RamonException(where + " has no type");
    }
    RamonType type;
    if (t.isTextual() && !t.textValue().strip().matches("\\d+")) {
      try {
        type = RamonType.ofName(t.textValue());
      } catch (RamonException e) {
        throw new RamonException(where + ": " + e.getMessage(), e);
      }
    } else {
      long code = JsonValues.integer(t, where + ".type");
      type = codes.resolve(code, k -> anyKey(meta, k == RamonType.NODE ? NESTED_NODE
          : NESTED_SKELETON), where);
    }
    String at = where + ".metadata";
    Map<String, JsonNode> m = new LinkedHashMap<>();
    meta.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    F f = new F(m, at);
    f.opt("status", n -> d.status = JsonValues.code(n, f.at("status")));
    f.opt("confidence", n -> d.confidence = JsonValues.number(n, f.at("confidence")));
    f.opt("author", n -> d.author = n.isNull() ? "" : JsonValues.text(n, f.at("author")));
    f.opt("kvpairs", n -> {
      if (!n.isObject()) {
        throw new RamonException(f.at("kvpairs") + " holds " + JsonValues.shown(n)
            + "; expected an object of pairs");
      }
      n.fields().forEachRemaining(e -> d.keyValues.put(e.getKey(),
          JsonValues.scalar(e.getValue(), f.at("kvpairs") + "." + e.getKey())));
    });
    switch (type) {
      case SYNAPSE -> {
        f.opt("synapse_type", "synapsetype", n -> d.synapseType = JsonValues.code(n,
            f.at("synapse_type")));
        f.opt("weight", n -> d.weight = JsonValues.number(n, f.at("weight")));
        f.opt("seeds", n -> d.seeds = JsonValues.ids(n, f.at("seeds")));
        f.opt("segments", n -> d.synLinks = nestedLinks(n, f.at("segments")));
        f.opt("presegments", n -> d.synPre = JsonValues.ids(n, f.at("presegments")));
        f.opt("postsegments", n -> d.synPost = JsonValues.ids(n, f.at("postsegments")));
        f.opt("centroid", n -> d.centroid = JsonValues.point(n, f.at("centroid")));
      }
      case SEED -> {
        f.opt("parent", n -> d.parent = JsonValues.link(n, f.at("parent")));
        f.opt("position", n -> d.position = JsonValues.point(n, f.at("position")));
        f.opt("cube_location", "cubelocation", n -> d.cubeLocation = JsonValues.code(n,
            f.at("cube_location")));
        f.opt("source", n -> d.source = JsonValues.link(n, f.at("source")));
      }
      case SEGMENT -> {
        f.opt("segmentclass", "segment_class", n -> d.segmentClass = JsonValues.code(n,
            f.at("segmentclass")));
        f.opt("parentseed", "parent_seed", n -> d.parentSeed = JsonValues.link(n,
            f.at("parentseed")));
        f.opt("neuron", n -> d.neuron = JsonValues.link(n, f.at("neuron")));
        f.opt("synapses", n -> d.synapses = JsonValues.ids(n, f.at("synapses")));
        f.opt("organelles", n -> d.organelles = JsonValues.ids(n, f.at("organelles")));
      }
      case NEURON -> f.opt("segments", n -> d.segments = JsonValues.ids(n, f.at("segments")));
      case ORGANELLE -> {
        f.opt("organelleclass", "organelle_class", n -> d.organelleClass = JsonValues.code(n,
            f.at("organelleclass")));
        f.opt("parentseed", "parent_seed", n -> d.parentSeed = JsonValues.link(n,
            f.at("parentseed")));
        f.opt("segment", n -> d.segment = JsonValues.link(n, f.at("segment")));
        f.opt("seeds", n -> d.seeds = JsonValues.ids(n, f.at("seeds")));
        f.opt("centroid", n -> d.centroid = JsonValues.point(n, f.at("centroid")));
      }
      case NODE -> {
        f.opt("nodetype", "node_type", n -> d.nodeType = JsonValues.code(n, f.at("nodetype")));
        f.opt("parentid", "parent", n -> {
          long p = JsonValues.integer(n, f.at("parentid"));
          d.parent = p == -1 ? 0 : JsonValues.link(n, f.at("parentid"));
        });
        f.opt("skeletonid", "skeleton", n -> d.skeleton = JsonValues.link(n,
            f.at("skeletonid")));
        f.opt("radius", n -> d.radius = JsonValues.number(n, f.at("radius")));
        f.opt("children", n -> d.children = JsonValues.ids(n, f.at("children")));
        f.opt("location", n -> d.location = JsonValues.location(n, f.at("location")));
      }
      case SKELETON -> {
        f.opt("skeletontype", "skeleton_type", n -> d.skeletonType = JsonValues.code(n,
            f.at("skeletontype")));
        f.opt("rootnode", "root_node", n -> d.rootNode = JsonValues.link(n, f.at("rootnode")));
        f.opt("nodes", n -> d.nodes = JsonValues.ids(n, f.at("nodes")));
      }
      case ROI -> {
        f.opt("parent", n -> d.parent = JsonValues.link(n, f.at("parent")));
        f.opt("children", n -> d.children = JsonValues.ids(n, f.at("children")));
      }
      default -> {
        // only the common fields
      }
    }
    if (v.has(RamonJson.VOXELS_KEY)) {
      d.voxels = java.util.Optional.of(JsonVoxels.read(v.get(RamonJson.VOXELS_KEY),
          where + "." + RamonJson.VOXELS_KEY));
    }
    // Other metadata keys (the original ndio dumps every attribute: resolution, cutout...)
    // carry nothing this model lacks, so they are passed over.
    return d.build(type, where);
  }

  /** A nested synapse's segments: ids (direction unknown) or [id, direction] pairs. */
  private static List<SynapseLink> nestedLinks(JsonNode n, String at) {
    List<SynapseLink> out = new ArrayList<>();
    for (JsonNode e : n.isArray() ? n : com.fasterxml.jackson.databind.node.JsonNodeFactory
        .instance.arrayNode().add(n)) {
      if (e.isArray()) {
        if (e.size() != 2) {
          throw new RamonException(at + " holds " + JsonValues.shown(e)
              + "; expected an id or [id, direction]");
        }
        long id = JsonValues.ids(e.get(0), at).get(0);
        try {
          out.add(new SynapseLink(id, FlowDirection.of(JsonValues.code(e.get(1), at))));
        } catch (RamonException x) {
          throw x.getMessage().startsWith(at) ? x : new RamonException(at + ": "
              + x.getMessage(), x);
        }
      } else {
        out.add(new SynapseLink(JsonValues.ids(e, at).get(0), FlowDirection.UNKNOWN));
      }
    }
    return out;
  }

  private static boolean anyKey(JsonNode meta, Set<String> keys) {
    for (String k : keys) {
      if (meta.has(k)) {
        return true;
      }
    }
    return false;
  }

  /** Takes fields out of an entry by name, so what is left over is known. */
  private static final class F {
    private final Map<String, JsonNode> fields;
    private final String where;

    F(Map<String, JsonNode> fields, String where) {
      this.fields = fields;
      this.where = where;
    }

    String at(String name) {
      return where + "." + name;
    }

    void opt(String name, java.util.function.Consumer<JsonNode> use) {
      JsonNode n = fields.remove(name);
      if (n != null) {
        use.accept(n);
      }
    }

    void opt(String name, String alias, java.util.function.Consumer<JsonNode> use) {
      JsonNode n = fields.remove(name);
      JsonNode a = fields.remove(alias);
      if (n != null) {
        use.accept(n);
      } else if (a != null) {
        use.accept(a);
      }
    }
  }
}
