package org.ndio.remote.boss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.Secret;

/**
 * The BOSS project service: lists, describes and creates collections, coordinate frames,
 * experiments and channels ({@code /v1/collection/...}, {@code /v1/coord/...}). Creation
 * requests are sent once (they are not idempotent); everything else is retried like any read.
 *
 * <pre>{@code
 * try (BossProject p = BossProject.connect("boss://api.bossdb.io", Secret.fromEnvironment(
 *     "NDIO_BOSS_TOKEN"), BossOptions.DEFAULT)) {
 *   for (String c : p.collections()) { ... p.experiments(c) ... }
 * }
 * }</pre>
 */
public final class BossProject implements AutoCloseable {

  private static final Map<String, String> JSON = Map.of("Accept", "application/json");
  private static final Map<String, String> POST_JSON =
      Map.of("Accept", "application/json", "Content-Type", "application/json");

  private final URI api;
  private final HttpTransport transport;
  private final boolean ownsTransport;

  BossProject(URI api, HttpTransport transport, boolean ownsTransport) {
    this.api = api;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
  }

  /**
   * Connects to the service a {@code boss://HOST[:PORT]} or {@code boss+http://...} URL names
   * (any collection/experiment/channel part is ignored).
   */
  public static BossProject connect(String url, Optional<Secret> token, BossOptions options) {
    BossUrl u = BossUrl.parse(url);
    return new BossProject(u.api(), BossRemote.transport(token, options), true);
  }

  /** Names of the collections the caller may read. */
  public List<String> collections() {
    return names("collection/", "collections");
  }

  public BossCollection collection(String c) {
    return get("collection/" + c + "/", BossCollection::fromJson);
  }

  /** Names of the experiments of collection {@code c}. */
  public List<String> experiments(String c) {
    return names("collection/" + c + "/experiment/", "experiments");
  }

  public BossExperiment experiment(String c, String e) {
    return get("collection/" + c + "/experiment/" + e + "/", BossExperiment::fromJson);
  }

  /** Names of the channels of experiment {@code e}. */
  public List<String> channels(String c, String e) {
    return names("collection/" + c + "/experiment/" + e + "/channel/", "channels");
  }

  public BossChannel channel(String c, String e, String ch) {
    return get(channelPath(c, e, ch), BossChannel::fromJson);
  }

  /** The channel, or empty if it (or a parent) does not exist. */
  public Optional<BossChannel> findChannel(String c, String e, String ch) {
    return find(() -> channel(c, e, ch));
  }

  public Optional<BossExperiment> findExperiment(String c, String e) {
    return find(() -> experiment(c, e));
  }

  public Optional<BossCollection> findCollection(String c) {
    return find(() -> collection(c));
  }

  public Optional<BossCoordFrame> findCoordinateFrame(String name) {
    return find(() -> coordinateFrame(name));
  }

  /** Names of every coordinate frame. */
  public List<String> coordinateFrames() {
    return names("coord/", "coords");
  }

  public BossCoordFrame coordinateFrame(String name) {
    return get("coord/" + name + "/", BossCoordFrame::fromJson);
  }

  public BossCollection createCollection(BossCollection c) {
    return post("collection/" + c.name() + "/", c.toCreateJson(), BossCollection::fromJson);
  }

  public BossCoordFrame createCoordinateFrame(BossCoordFrame f) {
    return post("coord/" + f.name() + "/", f.toJson(), BossCoordFrame::fromJson);
  }

  public BossExperiment createExperiment(BossExperiment e) {
    return post("collection/" + e.collection() + "/experiment/" + e.name() + "/",
        e.toCreateJson(), BossExperiment::fromJson);
  }

  /** Creates channel {@code ch} in experiment {@code e} of collection {@code c}. */
  public BossChannel createChannel(String c, String e, BossChannel ch) {
    return post(channelPath(c, e, ch.name()), ch.toCreateJson(), BossChannel::fromJson);
  }

  private static String channelPath(String c, String e, String ch) {
    return "collection/" + c + "/experiment/" + e + "/channel/" + ch + "/";
  }

  private List<String> names(String path, String field) {
    return get(path, n -> BossJson.strings(n, field, "BOSS list of " + field));
  }

  private <T> T get(String path, Function<JsonNode, T> parse) {
    URI uri = api.resolve(path);
    return transport.send(HttpTransport.Request.get(uri, JSON),
        r -> parse.apply(BossJson.object(r.body(), transport.describe(
            HttpTransport.Request.get(uri, JSON)))));
  }

  private <T> T post(String path, ObjectNode body, Function<JsonNode, T> parse) {
    URI uri = api.resolve(path);
    byte[] bytes;
    try {
      bytes = BossJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpTransport.Request r = HttpTransport.Request.post(uri, POST_JSON, bytes, false);
    return transport.send(r, a -> parse.apply(BossJson.object(a.body(), transport.describe(r))));
  }

  private interface Lookup<T> {
    T get();
  }

  private static <T> Optional<T> find(Lookup<T> lookup) {
    try {
      return Optional.of(lookup.get());
    } catch (VolumeNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }
}
