package org.ndio.serve.dvid;

import java.util.Map;
import java.util.TreeMap;

/**
 * A repo: its root UUID, alias and description, the nodes of its version DAG by UUID and its
 * data instances by name (DVID's instances belong to the repo, not to one version).
 */
record RepoRecord(String root, String alias, String description, Map<String, NodeRecord> nodes,
    Map<String, InstanceRecord> instances, String created, String updated) {

  RepoRecord {
    nodes = new TreeMap<>(nodes);
    instances = new TreeMap<>(instances);
  }

  RepoRecord withNode(NodeRecord n, String now) {
    Map<String, NodeRecord> m = new TreeMap<>(nodes);
    m.put(n.uuid(), n);
    return new RepoRecord(root, alias, description, m, instances, created, now);
  }

  RepoRecord withInstance(InstanceRecord i, String now) {
    Map<String, InstanceRecord> m = new TreeMap<>(instances);
    m.put(i.name(), i);
    return new RepoRecord(root, alias, description, nodes, m, created, now);
  }

  RepoRecord withInfo(String newAlias, String newDescription, String now) {
    return new RepoRecord(root, newAlias, newDescription, nodes, instances, created, now);
  }

  /** The node with version id {@code v}. */
  NodeRecord byVersion(long v) {
    for (NodeRecord n : nodes.values()) {
      if (n.versionId() == v) {
        return n;
      }
    }
    throw new IllegalStateException("repo " + root + " has no version " + v);
  }
}
