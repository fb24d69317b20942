package org.ndio.remote.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.ndio.CorruptDataException;
import org.ndio.InvalidUrlException;
import org.ndio.RemoteException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.HttpTransport.Request;
import org.ndio.remote.http.HttpTransport.Response;
import org.ndio.remote.http.Secret;

/**
 * A connection to one DVID server for what is not one instance's voxels: server info, repos,
 * their version DAGs and data instances, and the node lifecycle (commit, branch, newversion;
 * a committed node is read-only). Requests carry {@code Authorization: Bearer TOKEN} when a
 * token is given (DVID's auth is off by default; with DSG or JWT auth on, it wants a bearer
 * token).
 *
 * <p>DVID answers an unknown node or instance with 400 and a text naming it; those answers
 * become {@link VolumeNotFoundException}s here, an ambiguous UUID prefix an {@link
 * InvalidUrlException}, other refusals {@link RemoteException}s quoting the server.
 */
public final class DvidClient implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpTransport transport;

  public DvidClient(URI base, Optional<Secret> token, DvidOptions options) {
    this.base = base;
    this.transport = new HttpTransport("dvid", token, "Bearer", options.retry(),
        options.concurrency(), options.timeout(), DvidClient::serverWords,
        options.verifyTls());
  }

  /** A client for {@code http://HOST:PORT} with the token in {@code NDIO_DVID_TOKEN}, if set. */
  public static DvidClient connect(String address) {
    return new DvidClient(URI.create(address), Secret.fromEnvironment(DvidFormat.TOKEN_VARIABLE),
        DvidOptions.DEFAULT);
  }

  /** DVID's error bodies are plain text ending in a newline; kept to one line. */
  static String serverWords(Response r) {
    String t = r.text().strip().replaceAll("\\s*\\R\\s*", " ");
    return t.isEmpty() ? "(no message)" : t;
  }

  HttpTransport transport() {
    return transport;
  }

  public URI base() {
    return base;
  }

  /** One path segment, percent-encoded (UUIDs, instance names and keys go in paths). */
  static String seg(String s) {
    StringBuilder b = new StringBuilder();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** Sends with DVID's not-found answers translated (see the class comment). */
  <T> T send(Request r, Function<Response, T> decode) {
    try {
      return transport.send(r, decode);
    } catch (RemoteException e) {
      throw translate(e, r.uri().getRawPath());
    }
  }

  Response send(Request r) {
    return send(r, Function.identity());
  }

  /** Like {@link #send}, but a 404 answer (DVID's "no such label or key") is empty. */
  <T> Optional<T> sendUnless404(Request r, Function<Response, T> decode) {
    try {
      return Optional.of(transport.send(r, decode));
    } catch (VolumeNotFoundException e) {
      return Optional.empty(); // the transport raises this for 404 answers only
    } catch (RemoteException e) {
      throw translate(e, r.uri().getRawPath());
    }
  }

  private static RuntimeException translate(RemoteException e, String path) {
    if (e.status() != 400) {
      return e;
    }
    String said = e.serverMessage();
    String[] p = path.split("/");
    String uuid = p.length > 3 ? p[3] : "?";
    if (said.contains("could not find UUID with partial match")) {
      return new VolumeNotFoundException("no DVID version node matches UUID '" + uuid + "' ("
          + e.getMessage() + ")", e);
    }
    if (said.contains("invalid data instance name")) {
      String name = p.length > 4 ? p[4] : "?";
      return new VolumeNotFoundException("no data instance '" + name + "' in the repo of node '"
          + uuid + "' (" + e.getMessage() + ")", e);
    }
    if (said.contains("more than one UUID matches")) {
      return new InvalidUrlException("UUID prefix '" + uuid + "' names more than one version"
          + " node; give more digits (" + e.getMessage() + ")", e);
    }
    return e;
  }

  JsonNode getJson(String path) {
    return send(Request.get(uri(path), Map.of()), DvidClient::json);
  }

  JsonNode postJson(String path, Object body, boolean idempotent) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return send(Request.post(uri(path), Map.of("Content-Type", "application/json"), bytes,
        idempotent), DvidClient::json);
  }

  /** A JSON answer; a damaged one counts as a failed try. */
  static JsonNode json(Response r) {
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n == null) {
        throw new CorruptDataException("empty answer where JSON was expected");
      }
      return n;
    } catch (IOException e) {
      throw new CorruptDataException("answer is not JSON: " + e.getMessage(), e);
    }
  }

  // ---- typed calls

  public DvidServerInfo serverInfo() {
    Map<String, String> m = new TreeMap<>();
    getJson("/api/server/info").fields()
        .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return new DvidServerInfo(m);
  }

  /** Every repo the server lists (to this caller). */
  public List<DvidRepo> repos() {
    List<DvidRepo> out = new ArrayList<>();
    getJson("/api/repos/info").fields()
        .forEachRemaining(e -> out.add(DvidRepo.fromJson(e.getValue())));
    return out;
  }

  /** The repo holding node {@code uuid} (any unique prefix). */
  public DvidRepo repo(String uuid) {
    return DvidRepo.fromJson(getJson("/api/repo/" + seg(uuid) + "/info"));
  }

  /** Creates a repo; the server picks the root UUID. */
  public String createRepo(String alias, String description) {
    return createRepo(alias, description, Optional.empty());
  }

  /** Creates a repo whose root has the given full 32-digit UUID, if present. */
  public String createRepo(String alias, String description, Optional<String> root) {
    ObjectNode b = JSON.createObjectNode().put("alias", alias).put("description", description);
    root.ifPresent(r -> b.put("root", r));
    return postJson("/api/repos", b, false).path("root").asText();
  }

  /**
   * Creates a data instance at node {@code uuid} with DVID's settings (strings, e.g. {@code
   * "BlockSize": "64,64,64"}, {@code "VoxelSize": "8,8,8"}, {@code "VoxelUnits": "nanometers"}).
   */
  public DvidInstance createInstance(String uuid, DvidType type, String name,
      Map<String, String> settings) {
    ObjectNode b = JSON.createObjectNode().put("typename", type.typeName())
        .put("dataname", name).put("versioned", "true");
    settings.forEach(b::put);
    postJson("/api/repo/" + seg(uuid) + "/instance", b, false);
    return instance(uuid, name);
  }

  /** The instance's {@code info} at node {@code uuid}. */
  public DvidInstance instance(String uuid, String name) {
    return DvidInstance.fromInfo(getJson("/api/node/" + seg(uuid) + "/" + seg(name) + "/info"));
  }

  /** The instance, or empty where the node's repo has none of that name. */
  public Optional<DvidInstance> findInstance(String uuid, String name) {
    try {
      return Optional.of(instance(uuid, name));
    } catch (VolumeNotFoundException e) {
      if (e.getMessage().startsWith("no data instance")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether node {@code uuid} exists on the server. */
  public boolean nodeExists(String uuid) {
    try {
      isLocked(uuid);
      return true;
    } catch (VolumeNotFoundException e) {
      return false;
    }
  }

  /** Whether the node is committed, so that its data can no longer change. */
  public boolean isLocked(String uuid) {
    return getJson("/api/node/" + seg(uuid) + "/status").path("Locked").asBoolean();
  }

  /** Commits (locks) the node; returns its UUID. */
  public String commit(String uuid, String note) {
    return postJson("/api/node/" + seg(uuid) + "/commit",
        JSON.createObjectNode().put("note", note), false).path("committed").asText();
  }

  /** A child of a committed node on the same branch; returns the child's UUID. */
  public String newVersion(String uuid, String note) {
    return postJson("/api/node/" + seg(uuid) + "/newversion",
        JSON.createObjectNode().put("note", note), false).path("child").asText();
  }

  /** A child of a committed node starting branch {@code branch}; returns the child's UUID. */
  public String branch(String uuid, String branch, String note) {
    return postJson("/api/node/" + seg(uuid) + "/branch",
        JSON.createObjectNode().put("branch", branch).put("note", note), false)
        .path("child").asText();
  }

  public HttpTransport.Stats stats() {
    return transport.stats();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "DvidClient[" + base + "]";
  }
}
