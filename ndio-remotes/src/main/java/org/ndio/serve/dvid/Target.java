package org.ndio.serve.dvid;

import java.util.List;
import java.util.Locale;
import org.ndio.serve.Call;
import org.ndio.serve.Reply;

/**
 * One request to a data instance: the call, the instance, the node it names and that node's
 * ancestry ({@code chain}, the node first; the root alone for unversioned instances), and the
 * decoded path segments after {@code /api/} ({@code node, UUID, NAME, KEYWORD, ...}).
 */
record Target(Call call, String path, Repos.Ref ref, RepoRecord repo, Instance instance,
    List<String> chain, List<String> parts, String host) {

  /** The node whose data the request reads or writes. */
  String node() {
    return chain.get(0);
  }

  /** Whether ancestors may hold data a write must hide. */
  boolean hasAncestors() {
    return chain.size() > 1;
  }

  String method() {
    return call.method().toUpperCase(Locale.ROOT);
  }

  String keyword() {
    return parts.get(3);
  }

  /** Path segment {@code i}, or a 400 naming what should have been there. */
  String part(int i, String what) {
    if (parts.size() <= i) {
      throw DvidError.badRequest("DVID requires " + what + " to follow '" + keyword()
          + "' command");
    }
    return parts.get(i);
  }

  /** DVID's answer to an endpoint the instance's type does not have. */
  Reply badApi() {
    return Reply.text(400, "Bad API call (" + path + ") for data \"" + instance.def().name()
        + "\".  See API help at http://" + host + "/api/help/" + instance.type().typeName()
        + "\n");
  }
}
