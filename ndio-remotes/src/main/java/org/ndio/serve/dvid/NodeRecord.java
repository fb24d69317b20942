package org.ndio.serve.dvid;

import java.util.ArrayList;
import java.util.List;

/**
 * One version node of a repo's DAG, as DVID describes it ({@code Branch}, {@code Note}, {@code
 * Log}, {@code UUID}, {@code VersionID}, {@code Locked}, {@code Parents}, {@code Children}).
 * Parents and children are version ids, as in DVID. Branch {@code ""} is "master".
 */
record NodeRecord(String uuid, long versionId, String branch, String note, List<String> log,
    boolean locked, List<Long> parents, List<Long> children, String created, String updated) {

  NodeRecord {
    log = List.copyOf(log);
    parents = List.copyOf(parents);
    children = List.copyOf(children);
  }

  static NodeRecord root(String uuid, long versionId, String now) {
    return new NodeRecord(uuid, versionId, "", "", List.of(), false, List.of(), List.of(), now,
        now);
  }

  NodeRecord committed(String note, List<String> entries, String now) {
    List<String> l = new ArrayList<>(log);
    l.addAll(entries);
    return new NodeRecord(uuid, versionId, branch, note.isEmpty() ? this.note : note, l, true,
        parents, children, created, now);
  }

  NodeRecord withChild(long child, String now) {
    List<Long> c = new ArrayList<>(children);
    c.add(child);
    return new NodeRecord(uuid, versionId, branch, note, log, locked, parents, c, created, now);
  }
}
