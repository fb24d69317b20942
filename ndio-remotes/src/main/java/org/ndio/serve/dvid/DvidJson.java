package org.ndio.serve.dvid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of DVID's API with DVID's field names: instance {@code info} ({@code
 * Base}, {@code Extended}, {@code Extents}), repo info ({@code Root}, {@code Alias}, {@code
 * DataInstances}, {@code DAG}, ...) and DAG nodes.
 */
final class DvidJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DvidJson() {}

  static ObjectNode node(NodeRecord n) {
    ObjectNode o = F.objectNode();
    o.put("Branch", n.branch());
    o.put("Note", n.note());
    ArrayNode log = o.putArray("Log");
    n.log().forEach(log::add);
    o.put("UUID", n.uuid());
    o.put("VersionID", n.versionId());
    o.put("Locked", n.locked());
    ArrayNode p = o.putArray("Parents");
    n.parents().forEach(p::add);
    ArrayNode c = o.putArray("Children");
    n.children().forEach(c::add);
    o.put("Created", n.created());
    o.put("Updated", n.updated());
    return o;
  }

  /** A repo as {@code GET /api/repo/{uuid}/info} gives it; {@code instances} by name. */
  static ObjectNode repo(RepoRecord r, Map<String, ObjectNode> instances) {
    ObjectNode o = F.objectNode();
    o.put("Root", r.root());
    o.put("Alias", r.alias());
    o.put("Description", r.description());
    o.putArray("Log");
    o.putObject("Properties");
    ObjectNode data = o.putObject("DataInstances");
    instances.forEach(data::set);
    ObjectNode dag = o.putObject("DAG");
    dag.put("Root", r.root());
    ObjectNode nodes = dag.putObject("Nodes");
    r.nodes().values().forEach(n -> nodes.set(n.uuid(), node(n)));
    o.put("MutationID", 0);
    o.put("SavedMutationID", 0);
    o.put("Created", r.created());
    o.put("Updated", r.updated());
    return o;
  }

  /**
   * An instance's {@code info} as seen at a node: {@code extents} are its MinPoint and
   * MaxPoint there, {@code maxLabels} the per-version largest labels (by version id).
   */
  static ObjectNode instance(Instance inst, String repoRoot, Optional<long[][]> extents,
      Map<Long, Long> maxLabels) {
    InstanceRecord d = inst.def();
    InstanceType t = d.type();
    ObjectNode o = F.objectNode();
    ObjectNode base = o.putObject("Base");
    base.put("TypeName", t.typeName());
    base.put("TypeURL", t.typeUrl());
    base.put("TypeVersion", t.typeVersion());
    base.put("DataUUID", d.dataUuid());
    base.put("Name", d.name());
    base.put("RepoUUID", repoRoot);
    base.put("Compression", d.compression());
    base.put("Checksum", "No checksum");
    base.putArray("Syncs");
    base.put("Versioned", d.versioned());
    base.put("KVStore", "zarr arrays and files under the ndio test server's root");
    base.put("LogStore", "no mutation log set");
    ObjectNode tags = base.putObject("Tags");
    d.tags().forEach(tags::put);
    ObjectNode ext = o.putObject("Extended");
    if (!t.hasVoxels()) {
      return o;
    }
    ArrayNode values = ext.putArray("Values");
    values.addObject().put("DataType", t.dtype().numpyName()).put("Label", t.typeName());
    ext.put("Interpolable", !t.isLabel());
    ArrayNode bs = ext.putArray("BlockSize");
    d.blockSize().forEach(bs::add);
    ArrayNode vs = ext.putArray("VoxelSize");
    d.voxelSize().forEach(vs::add);
    ArrayNode vu = ext.putArray("VoxelUnits");
    d.voxelUnits().forEach(vu::add);
    putPoint(ext, "MinPoint", extents.map(e -> e[0]));
    putPoint(ext, "MaxPoint", extents.map(e -> e[1]));
    putPoint(ext, "MinIndex", extents.map(e -> blockIndex(e[0], d.blockSize())));
    putPoint(ext, "MaxIndex", extents.map(e -> blockIndex(e[1], d.blockSize())));
    ext.put("Background", 0);
    ext.put("GridStore", "");
    ext.put("ScaleLevel", 0);
    if (t.isLabel()) {
      ObjectNode ml = ext.putObject("MaxLabel");
      maxLabels.forEach((v, m) -> ml.put(Long.toString(v), unsigned(m)));
      ext.put("MaxRepoLabel", unsigned(inst.state().maxRepoLabel()));
      ext.put("NextLabel", unsigned(inst.state().nextLabelCounter()));
      ext.put("IndexedLabels", t.isIndexed());
      ext.put("MaxDownresLevel", 0);
    }
    ObjectNode ex = o.putObject("Extents");
    putPoint(ex, "MinPoint", extents.map(e -> e[0]));
    putPoint(ex, "MaxPoint", extents.map(e -> e[1]));
    return o;
  }

  /** A uint64 as JSON: a plain number, exact even above 2^63. */
  static java.math.BigInteger unsigned(long v) {
    return new java.math.BigInteger(Long.toUnsignedString(v));
  }

  private static long[] blockIndex(long[] p, List<Integer> block) {
    return new long[] {Math.floorDiv(p[0], block.get(0)), Math.floorDiv(p[1], block.get(1)),
        Math.floorDiv(p[2], block.get(2))};
  }

  private static void putPoint(ObjectNode o, String field, Optional<long[]> p) {
    if (p.isEmpty()) {
      o.putNull(field);
      return;
    }
    ArrayNode a = o.putArray(field);
    for (long v : p.get()) {
      a.add(v);
    }
  }
}
