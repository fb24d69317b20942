package org.ndio.serve.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.ndio.NdioException;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.remote.http.Secret;
import org.ndio.serve.Call;
import org.ndio.serve.ProtocolHandler;
import org.ndio.serve.Reply;
import org.ndio.storage.LocalStorage;

/**
 * DVID's HTTP API over state under a root directory: server info, repos ({@code POST
 * /api/repos}, {@code GET /api/repos/info}, {@code GET|POST /api/repo/{uuid}/info}, {@code
 * HEAD /api/repo/{uuid}}, {@code POST /api/repo/{uuid}/instance}), version nodes ({@code
 * status}, {@code commit}, {@code branch}, {@code newversion}) and the instance endpoints of
 * {@link VoxelEndpoints} and {@link KeyValueEndpoints}. Errors are DVID's: mostly 400 with a
 * {@code text/plain} body naming the problem and the path; an unknown node or instance is a 400
 * too, as in DVID. Committed nodes refuse every POST and DELETE to their instances.
 *
 * <p>With a token, the server behaves as DVID with DSG authorization: repo, node and instance
 * requests need {@code Authorization: Bearer TOKEN} (401 without it or with another), creating
 * a repo needs the token (DVID's admin privilege; 400 otherwise) and {@code /api/repos/info}
 * lists nothing to anonymous callers. Without a token everything is open, as in DVID with
 * {@code enforce = "none"}.
 */
public final class DvidHandler implements ProtocolHandler {

  /** How the blocks of new instances are compressed in their Zarr arrays. */
  public static final String DEFAULT_COMPRESSOR = "lz4";

  private static final List<String> RESERVED =
      List.of("log", "branch", "note", "commit", "newversion");

  private final Path root;
  private final Repos repos;
  private final Optional<Secret> token;
  private final Codec codec;
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Instant started = Instant.now();

  /**
   * @param root directory holding {@code repos/}; created if missing
   * @param token when present, the bearer token every protected request must carry
   * @param compressor codec spec ({@link Codecs#parse}) for the blocks' Zarr chunks
   */
  public DvidHandler(Path root, Optional<Secret> token, String compressor) {
    this.root = root.toAbsolutePath().normalize();
    this.repos = new Repos(new LocalStorage(this.root.resolve("repos")));
    this.token = token;
    this.codec = Codecs.parse(compressor);
  }

  @Override
  public Reply handle(Call call) throws Exception {
    String path = call.path();
    try {
      if (!path.startsWith("/api/")) {
        return Reply.text(404, "404 page not found\n");
      }
      List<String> parts = segments(path.substring("/api/".length()));
      if (parts.isEmpty()) {
        return Reply.text(404, "404 page not found\n");
      }
      Reply r = route(call, path, parts);
      return call.method().equalsIgnoreCase("HEAD")
          ? new Reply(r.status(), r.contentType(), new byte[0], r.headers()) : r;
    } catch (DvidError e) {
      return call.method().equalsIgnoreCase("HEAD") ? Reply.empty(e.status())
          : Reply.text(e.status(), e.body(path));
    } catch (NdioException e) {
      // A request ndio's own types refuse (a box past the 64-bit range, say) is the caller's
      // fault, not the server's: 400, so that clients do not retry it.
      return Reply.text(400, DvidError.badRequest(e.getMessage()).body(path));
    }
  }

  /** Path segments, percent-decoded one by one, without a trailing empty one. */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/", -1)) {
      out.add(percentDecode(s));
    }
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private Reply route(Call call, String path, List<String> parts) throws Exception {
    String method = call.method().toUpperCase(Locale.ROOT);
    switch (parts.get(0)) {
      case "help":
        return Reply.text(200, "ndio's DVID test server: the repo, node, uint8blk ... float32blk,"
            + " labelblk, labelarray, labelmap and keyvalue endpoints listed in "
            + "org.ndio.serve.dvid.DvidServer.\n");
      case "server":
        if (parts.size() == 2 && parts.get(1).equals("info") && method.equals("GET")) {
          return Reply.json(200, serverInfo(call));
        }
        if (parts.size() == 2 && parts.get(1).equals("types") && method.equals("GET")) {
          return Reply.json(200, types());
        }
        break;
      case "repos":
        if (parts.size() == 1 && method.equals("POST")) {
          return createRepo(call);
        }
        if (parts.size() == 2 && parts.get(1).equals("info") && method.equals("GET")) {
          return Reply.json(200, reposInfo(authorized(call)));
        }
        break;
      case "repo":
        if (parts.size() >= 2) {
          return repo(call, path, parts, method);
        }
        break;
      case "node":
        if (parts.size() == 3) {
          return node(call, parts, method);
        }
        if (parts.size() >= 4) {
          return instance(call, path, parts);
        }
        break;
      default:
        break;
    }
    throw DvidError.plain(404, "Could not find the URL: " + path);
  }

  // ---- authorization

  private boolean authorized(Call call) {
    if (token.isEmpty()) {
      return true;
    }
    Optional<String> bearer = bearer(call);
    return bearer.isPresent() && MessageDigest.isEqual(
        bearer.get().getBytes(StandardCharsets.UTF_8),
        token.get().reveal().getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> bearer(Call call) {
    String h = call.header("Authorization").orElse("");
    String prefix = "Bearer ";
    if (h.length() <= prefix.length() || !h.substring(0, prefix.length())
        .equalsIgnoreCase(prefix)) {
      return Optional.empty();
    }
    return Optional.of(h.substring(prefix.length()).trim());
  }

  /** DVID's DSG check: 401 without a bearer token or with one that is not valid. */
  private void requireToken(Call call) {
    if (token.isEmpty()) {
      return;
    }
    if (bearer(call).isEmpty()) {
      throw DvidError.withPath(401,
          "dsg token required via Authorization header or dsg_token cookie");
    }
    if (!authorized(call)) {
      throw DvidError.withPath(401, "invalid DSG token");
    }
  }

  // ---- server and repos

  private String serverInfo(Call call) {
    Map<String, String> m = new TreeMap<>();
    m.put("Cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("Maximum Cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("DVID Version", "ndio-dvid-test-server");
    m.put("Datastore Version", "0.10.0");
    m.put("Storage backend", "zarr v2 arrays and files (ndio)");
    m.put("Server time", java.time.OffsetDateTime.now().toString());
    m.put("Server uptime", Duration.between(started, Instant.now()).toString());
    m.put("Host", call.header("Host").orElse("localhost"));
    m.put("Note", "ndio's DVID test server, root " + root);
    m.put("TOML location", "");
    try {
      return Repos.JSON.writeValueAsString(m);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String types() {
    ObjectNode o = Repos.JSON.createObjectNode();
    for (InstanceType t : InstanceType.values()) {
      o.put(t.typeName(), t.typeUrl());
    }
    return o.toString();
  }

  private String reposInfo(boolean visible) {
    ObjectNode o = Repos.JSON.createObjectNode();
    if (visible) {
      for (RepoRecord r : repos.all()) {
        o.set(r.root(), repoJson(r));
      }
    }
    return o.toString();
  }

  private ObjectNode repoJson(RepoRecord r) {
    Repos.Ref leaf = new Repos.Ref(r.root(), repos.masterLeaf(r.root()).orElse(r.root()));
    Map<String, ObjectNode> infos = new LinkedHashMap<>();
    for (InstanceRecord d : r.instances().values()) {
      infos.put(d.name(), instanceJson(r, d, leaf));
    }
    return DvidJson.repo(r, infos);
  }

  private ObjectNode instanceJson(RepoRecord r, InstanceRecord d, Repos.Ref at) {
    Instance inst = instance(r, d);
    if (!d.type().hasVoxels()) {
      return DvidJson.instance(inst, r.root(), Optional.empty(), Map.of());
    }
    List<String> chain = d.versioned() ? repos.chain(at) : List.of(r.root());
    return DvidJson.instance(inst, r.root(), inst.state().extents(chain), maxLabels(r, inst));
  }

  private static Map<Long, Long> maxLabels(RepoRecord r, Instance inst) {
    Map<Long, Long> out = new TreeMap<>();
    if (inst.type().isLabel()) {
      inst.state().maxLabels().forEach((uuid, m) -> {
        NodeRecord n = r.nodes().get(uuid);
        if (n != null) {
          out.put(n.versionId(), m);
        }
      });
    }
    return out;
  }

  private Instance instance(RepoRecord r, InstanceRecord d) {
    return instances.computeIfAbsent(d.dataUuid(),
        u -> new Instance(d, repos.dataStore(r.root(), u), codec));
  }

  private Reply createRepo(Call call) {
    if (!authorized(call)) {
      throw DvidError.badRequest("Creating a repo requires admin privileges (admintoken or DSG"
          + " admin) on a server that is not read-only");
    }
    Map<String, JsonNode> config = config(call.body(), "Error decoding POSTed JSON config for"
        + " new repo: ");
    String alias = string(config, "alias", "POST on repos endpoint requires valid 'alias'")
        .orElse("");
    String description = string(config, "description",
        "POST on repos endpoint requires valid 'description'").orElse("");
    Optional<String> assigned = string(config, "root",
        "POST on repos endpoint with error on getting 'root'");
    String uuid = repos.create(alias, description, assigned);
    return Reply.json(200, "{\"root\": \"" + uuid + "\"}");
  }

  /** A JSON object body as DVID's config: keys compared without case. */
  private static Map<String, JsonNode> config(byte[] body, String errorPrefix) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (body.length == 0) {
      return out;
    }
    JsonNode n;
    try {
      n = Repos.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw DvidError.badRequest(errorPrefix + VoxelEndpoints.jsonError(e));
    }
    if (n == null) {
      return out;
    }
    if (!n.isObject()) {
      throw DvidError.badRequest(errorPrefix + "expected a JSON object");
    }
    n.fields().forEachRemaining(e -> out.put(e.getKey().toLowerCase(Locale.ROOT),
        e.getValue()));
    return out;
  }

  private static Optional<String> string(Map<String, JsonNode> config, String key,
      String error) {
    JsonNode v = config.get(key.toLowerCase(Locale.ROOT));
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw DvidError.badRequest(error + ": setting for '" + key + "' was not a string: " + v);
    }
    return Optional.of(v.asText());
  }

  private Reply repo(Call call, String path, List<String> parts, String method) {
    Repos.Ref ref = repos.resolve(parts.get(1));
    requireToken(call);
    RepoRecord r = repos.repo(ref.root());
    if (parts.size() == 2 && method.equals("HEAD")) {
      return Reply.text(200, "Repo available with root UUID " + r.root() + "\n");
    }
    if (parts.size() == 3 && parts.get(2).equals("info")) {
      if (method.equals("GET")) {
        return Reply.json(200, repoJson(r).toString());
      }
      if (method.equals("POST")) {
        Map<String, JsonNode> config = config(call.body(),
            "Error decoding POSTed JSON config for POST repo: ");
        repos.setInfo(r.root(), string(config, "alias",
            "POST on repo/info endpoint requires valid 'alias'"), string(config, "description",
            "POST on repo/info endpoint requires valid 'description'"));
        return Reply.empty(200);
      }
    }
    if (parts.size() == 3 && parts.get(2).equals("instance") && method.equals("POST")) {
      return createInstance(call, ref);
    }
    throw DvidError.plain(404, "Could not find the URL: " + path);
  }

  private Reply createInstance(Call call, Repos.Ref ref) {
    if (repos.node(ref).locked()) {
      throw DvidError.badRequest("New data instance cannot be created on locked node "
          + ref.uuid());
    }
    Map<String, JsonNode> c = config(call.body(),
        "Error decoding POSTed JSON config for 'new': ");
    String typename = string(c, "typename", "bad typename").orElseThrow(() -> DvidError
        .badRequest("POST on repo endpoint requires specification of valid 'typename'"));
    String dataname = string(c, "dataname", "bad dataname").orElseThrow(() -> DvidError
        .badRequest("POST on repo endpoint requires specification of valid 'dataname'"));
    InstanceType type = InstanceType.fromName(typename).orElseThrow(() -> DvidError
        .badRequest("data type \"" + typename + "\" is not supported by ndio's DVID server"
            + " (uint8blk, uint16blk, uint32blk, uint64blk, float32blk, labelblk, labelarray,"
            + " labelmap, keyvalue)"));
    if (RESERVED.contains(dataname)) {
      throw DvidError.badRequest("cannot use reserved name \"" + dataname + "\"");
    }
    if (dataname.isEmpty() || dataname.contains("/")) {
      throw DvidError.badRequest("data name \"" + dataname + "\" cannot be used: names travel"
          + " in URL paths, so they must be non-empty and free of '/'");
    }
    boolean versioned = true;
    JsonNode v = c.get("versioned");
    if (v != null && !v.isNull()) {
      String s = v.asText().toLowerCase(Locale.ROOT);
      versioned = !(s.equals("false") || s.equals("0"));
    }
    List<Integer> block = List.of();
    List<Double> voxel = List.of();
    List<String> units = List.of();
    if (type.hasVoxels()) {
      block = blockSize(string(c, "BlockSize", "bad BlockSize"), type);
      voxel = voxelSize(string(c, "VoxelSize", "bad VoxelSize"));
      units = units(string(c, "VoxelUnits", "bad VoxelUnits"));
    }
    String compression = string(c, "Compression", "bad Compression")
        .orElse(type == InstanceType.LABELMAP ? "gzip" : "LZ4");
    Map<String, String> tags = new TreeMap<>();
    string(c, "Tags", "bad Tags").ifPresent(t -> {
      for (String pair : t.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    });
    repos.addInstance(ref, new InstanceRecord(dataname, type.typeName(), Repos.newUuid(),
        versioned, block, voxel, units, compression, tags, Repos.now()));
    return Reply.json(200, "{\"result\": \"Added " + dataname + " [" + type.typeName()
        + "] to node " + ref.uuid() + "\"}");
  }

  private static List<Integer> blockSize(Optional<String> s, InstanceType type) {
    if (s.isEmpty()) {
      int d = type.defaultBlock();
      return List.of(d, d, d);
    }
    String[] p = s.get().split(",");
    List<Integer> out = new ArrayList<>();
    try {
      for (String x : p) {
        out.add(Integer.parseInt(x.trim()));
      }
    } catch (NumberFormatException e) {
      throw DvidError.badRequest("bad BlockSize \"" + s.get() + "\": " + e.getMessage());
    }
    if (out.size() != 3 || out.stream().anyMatch(x -> x <= 0 || x > 1024)) {
      throw DvidError.badRequest("BlockSize \"" + s.get() + "\" must be three positive"
          + " integers of at most 1024");
    }
    if (type.needsBlocksOf16() && out.stream().anyMatch(x -> x % 16 != 0)) {
      throw DvidError.badRequest("BlockSize must be multiples of 16");
    }
    return out;
  }

  private static List<Double> voxelSize(Optional<String> s) {
    if (s.isEmpty()) {
      return List.of(8.0, 8.0, 8.0);
    }
    List<Double> out = new ArrayList<>();
    try {
      for (String x : s.get().split(",")) {
        out.add(Double.parseDouble(x.trim()));
      }
    } catch (NumberFormatException e) {
      throw DvidError.badRequest("bad VoxelSize \"" + s.get() + "\": " + e.getMessage());
    }
    if (out.size() == 1) {
      return List.of(out.get(0), out.get(0), out.get(0));
    }
    if (out.size() != 3) {
      throw DvidError.badRequest("VoxelSize \"" + s.get() + "\" must have 3 values");
    }
    return out;
  }

  private static List<String> units(Optional<String> s) {
    if (s.isEmpty()) {
      return List.of("nanometers", "nanometers", "nanometers");
    }
    String[] p = s.get().split(",");
    if (p.length == 1) {
      return List.of(p[0].trim(), p[0].trim(), p[0].trim());
    }
    if (p.length != 3) {
      throw DvidError.badRequest("VoxelUnits \"" + s.get() + "\" must have 1 or 3 values");
    }
    return List.of(p[0].trim(), p[1].trim(), p[2].trim());
  }

  // ---- nodes

  private Reply node(Call call, List<String> parts, String method) {
    Repos.Ref ref = repos.resolve(parts.get(1));
    requireToken(call);
    String action = parts.get(2);
    boolean branching = action.equals("branch") || action.equals("newversion");
    boolean locked = repos.node(ref).locked();
    if (locked && !branching && !method.equals("GET") && !method.equals("HEAD")) {
      throw DvidError.badRequest("Cannot do " + method.toLowerCase(Locale.ROOT)
          + " on locked node " + ref.uuid());
    }
    switch (action + " " + method) {
      case "status GET":
      case "commit GET":
        return Reply.json(200, "{\"Locked\":" + locked + "}");
      case "commit POST": {
        JsonNode b = body(call);
        List<String> log = new ArrayList<>();
        b.path("log").forEach(x -> log.add(x.asText()));
        String uuid = repos.commit(ref, b.path("note").asText(""), log);
        return Reply.json(200, "{\"committed\": \"" + uuid + "\"}");
      }
      case "newversion POST": {
        JsonNode b = body(call);
        String child = repos.newVersion(ref, b.path("note").asText(""), "",
            optionalText(b, "uuid"));
        return Reply.json(200, "{\"child\": \"" + child + "\"}");
      }
      case "branch POST": {
        JsonNode b = body(call);
        String branch = b.path("branch").asText("");
        if (branch.isEmpty() || branch.equals("master")) {
          throw DvidError.badRequest("Cannot create a master branch");
        }
        String child = repos.newVersion(ref, b.path("note").asText(""), branch,
            optionalText(b, "uuid"));
        return Reply.json(200, "{\"child\": \"" + child + "\"}");
      }
      default:
        throw DvidError.plain(404, "Could not find the URL: " + call.path());
    }
  }

  private static Optional<String> optionalText(JsonNode b, String field) {
    String s = b.path(field).asText("");
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static JsonNode body(Call call) {
    if (call.body().length == 0) {
      return Repos.JSON.createObjectNode();
    }
    JsonNode n = VoxelEndpoints.readJson(call.body());
    if (!n.isObject()) {
      throw DvidError.badRequest("Malformed JSON request in body: expected a JSON object");
    }
    return n;
  }

  // ---- instances

  private Reply instance(Call call, String path, List<String> parts) throws Exception {
    Repos.Ref ref = repos.resolve(parts.get(1));
    requireToken(call);
    RepoRecord r = repos.repo(ref.root());
    InstanceRecord d = r.instances().get(parts.get(2));
    if (d == null) {
      throw DvidError.badRequest("invalid data instance name");
    }
    Instance inst = instance(r, d);
    String method = call.method().toUpperCase(Locale.ROOT);
    boolean mutation = method.equals("POST") || method.equals("PUT")
        || method.equals("DELETE");
    if (d.versioned() && mutation && repos.node(ref).locked()) {
      throw DvidError.badRequest("Cannot do " + method + " on endpoint \"" + parts.get(3)
          + "\" of locked node " + ref.uuid());
    }
    List<String> chain = d.versioned() ? repos.chain(ref) : List.of(r.root());
    Target t = new Target(call, path, ref, r, inst, chain, parts,
        call.header("Host").orElse("localhost"));
    return inst.type().hasVoxels() ? VoxelEndpoints.handle(t, maxLabels(r, inst))
        : KeyValueEndpoints.handle(t);
  }
}
