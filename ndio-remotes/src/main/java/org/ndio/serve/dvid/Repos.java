package org.ndio.serve.dvid;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ndio.CorruptDataException;
import org.ndio.storage.LocalStorage;

/**
 * The repos of one server, their version DAGs and instance definitions (DVID's repo manager),
 * kept in {@code repos/ROOT/repo.json} under the server's root so a restarted server has them.
 * UUIDs are resolved as DVID resolves them: any unique prefix, optionally followed by {@code
 * :BRANCH} for the leaf of that branch ({@code master} being the unnamed branch).
 */
final class Repos {

  /** A version node of a repo. */
  record Ref(String root, String uuid) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalStorage store;
  private final Map<String, RepoRecord> byRoot = new TreeMap<>();
  private long lastVersion;

  Repos(LocalStorage store) {
    this.store = store;
    for (String root : store.list("")) {
      store.read(root + "/repo.json").ifPresent(bytes -> {
        RepoRecord r = parse(bytes, root);
        byRoot.put(r.root(), r);
        r.nodes().values().forEach(n -> lastVersion = Math.max(lastVersion, n.versionId()));
      });
    }
  }

  private RepoRecord parse(byte[] bytes, String root) {
    try {
      return JSON.readValue(bytes, RepoRecord.class);
    } catch (IOException e) {
      throw new CorruptDataException(store.location() + "/" + root + "/repo.json is not a repo"
          + " record: " + e.getMessage(), e);
    }
  }

  private void save(RepoRecord r) {
    byRoot.put(r.root(), r);
    try {
      store.write(r.root() + "/repo.json", JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(r));
    } catch (IOException e) {
      throw new IllegalStateException("repo record of " + r.root() + " is not JSON", e);
    }
  }

  /** Where the instance's voxels, key-values and counters live. */
  LocalStorage dataStore(String root, String dataUuid) {
    return new LocalStorage(store.root().resolve(root).resolve("data").resolve(dataUuid));
  }

  static String now() {
    return OffsetDateTime.now().toString();
  }

  /** A new random UUID in DVID's form: 32 lower-case hex digits. */
  static String newUuid() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    return HexFormat.of().formatHex(b);
  }

  private static String checkAssigned(String uuid) {
    if (uuid.length() != 32 || !uuid.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw DvidError.badRequest("UUID must be 32 character hexadecimal string");
    }
    return uuid.toLowerCase(java.util.Locale.ROOT);
  }

  synchronized List<RepoRecord> all() {
    return List.copyOf(byRoot.values());
  }

  synchronized RepoRecord repo(String root) {
    return byRoot.get(root);
  }

  synchronized NodeRecord node(Ref ref) {
    return byRoot.get(ref.root()).nodes().get(ref.uuid());
  }

  synchronized String create(String alias, String description, Optional<String> assigned) {
    String uuid = assigned.map(Repos::checkAssigned).orElseGet(Repos::newUuid);
    if (owner(uuid).isPresent()) {
      throw DvidError.badRequest("UUID already exists in datastore");
    }
    String now = now();
    NodeRecord root = NodeRecord.root(uuid, ++lastVersion, now);
    save(new RepoRecord(uuid, alias, description, Map.of(uuid, root), Map.of(), now, now));
    return uuid;
  }

  private Optional<RepoRecord> owner(String uuid) {
    return byRoot.values().stream().filter(r -> r.nodes().containsKey(uuid)).findFirst();
  }

  /** Resolves a UUID prefix or {@code PREFIX:BRANCH} to a node, with DVID's error texts. */
  synchronized Ref resolve(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 2) {
      throw DvidError.badRequest("bad UUID specification \"" + spec + "\"");
    }
    String prefix = parts[0];
    String match = null;
    int matches = 0;
    for (RepoRecord r : byRoot.values()) {
      for (String uuid : r.nodes().keySet()) {
        if (uuid.startsWith(prefix)) {
          matches++;
          match = uuid;
        }
      }
    }
    if (matches > 1) {
      throw DvidError.badRequest("more than one UUID matches " + prefix);
    }
    if (matches == 0) {
      throw DvidError.badRequest("could not find UUID with partial match to " + prefix);
    }
    RepoRecord repo = owner(match).orElseThrow();
    if (parts.length == 2) {
      String branch = parts[1].equals("master") ? "" : parts[1];
      return new Ref(repo.root(), leaf(repo, branch).orElseThrow(() -> DvidError.badRequest(
          "could not find branch \"" + parts[1] + "\" in repo with root " + repo.root())));
    }
    return new Ref(repo.root(), match);
  }

  /** The newest node of a branch: the one with no child on the same branch. */
  private static Optional<String> leaf(RepoRecord repo, String branch) {
    for (NodeRecord n : repo.nodes().values()) {
      if (!n.branch().equals(branch)) {
        continue;
      }
      boolean continued = n.children().stream()
          .anyMatch(c -> repo.byVersion(c).branch().equals(branch));
      if (!continued) {
        return Optional.of(n.uuid());
      }
    }
    return Optional.empty();
  }

  synchronized Optional<String> masterLeaf(String root) {
    return leaf(byRoot.get(root), "");
  }

  /** The node and its ancestors, the node first (DVID's DAG here has one parent per node). */
  synchronized List<String> chain(Ref ref) {
    RepoRecord repo = byRoot.get(ref.root());
    List<String> out = new ArrayList<>();
    NodeRecord n = repo.nodes().get(ref.uuid());
    while (n != null) {
      out.add(n.uuid());
      n = n.parents().isEmpty() ? null : repo.byVersion(n.parents().get(0));
    }
    return out;
  }

  synchronized String commit(Ref ref, String note, List<String> log) {
    RepoRecord repo = byRoot.get(ref.root());
    NodeRecord n = repo.nodes().get(ref.uuid());
    if (n.locked()) {
      throw DvidError.badRequest("node " + n.uuid() + " already committed");
    }
    String now = now();
    save(repo.withNode(n.committed(note, log, now), now));
    return n.uuid();
  }

  /**
   * A child of a committed node: {@code newversion} keeps the parent's branch (one child per
   * branch), {@code branch} starts a branch whose name is new to the DAG.
   */
  synchronized String newVersion(Ref parentRef, String note, String branch,
      Optional<String> assigned) {
    RepoRecord repo = byRoot.get(parentRef.root());
    NodeRecord parent = repo.nodes().get(parentRef.uuid());
    if (!parent.locked()) {
      throw DvidError.badRequest("can't branch an unlocked node");
    }
    String name = branch;
    if (name.isEmpty() || name.equals(parent.branch())) {
      name = parent.branch();
      for (long c : parent.children()) {
        if (repo.byVersion(c).branch().equals(name)) {
          throw DvidError.badRequest("branch already exists with given name");
        }
      }
    } else {
      String wanted = name;
      if (repo.nodes().values().stream().anyMatch(n -> n.branch().equals(wanted))) {
        throw DvidError.badRequest("branch already exists with given name");
      }
    }
    String uuid = assigned.map(Repos::checkAssigned).orElseGet(Repos::newUuid);
    if (owner(uuid).isPresent()) {
      throw DvidError.badRequest("UUID already exists in datastore");
    }
    String now = now();
    long v = ++lastVersion;
    NodeRecord child = new NodeRecord(uuid, v, name, note, List.of(), false,
        List.of(parent.versionId()), List.of(), now, now);
    save(repo.withNode(parent.withChild(v, now), now).withNode(child, now));
    return uuid;
  }

  synchronized void addInstance(Ref ref, InstanceRecord instance) {
    RepoRecord repo = byRoot.get(ref.root());
    if (repo.instances().containsKey(instance.name())) {
      throw DvidError.badRequest("Data named \"" + instance.name()
          + "\" already exists in repo (root " + repo.root() + ")");
    }
    save(repo.withInstance(instance, now()));
  }

  synchronized void setInfo(String root, Optional<String> alias, Optional<String> description) {
    RepoRecord r = byRoot.get(root);
    save(r.withInfo(alias.orElse(r.alias()), description.orElse(r.description()), now()));
  }
}
