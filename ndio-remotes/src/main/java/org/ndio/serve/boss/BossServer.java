package org.ndio.serve.boss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.remote.http.Secret;
import org.ndio.serve.Call;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.ProtocolHandler;
import org.ndio.serve.Reply;
import org.ndio.serve.boss.ResourceStore.Kind;

/**
 * A BOSS (API v1) service on loopback for tests and local work, speaking the documented wire
 * protocol: the project service ({@code /v1/collection/...}, {@code /v1/coord/...}: list, get,
 * create, delete), cutouts ({@code /v1/cutout/...}, blosc and npygz), object services
 * ({@code /v1/reserve/}, {@code /v1/ids/}, {@code /v1/boundingbox/}) and metadata ({@code
 * /v1/meta/}), with the service's status codes, JSON field names, error bodies ({@code
 * {"status", "code", "message"}}, DRF's {@code {"detail"}} for authentication) and codes.
 * Paths take their trailing slash or not, as the service's URL patterns allow.
 *
 * <p>State lives under a root directory (resources and metadata as JSON files, voxels as Zarr
 * arrays, see {@link ResourceStore}), so a restarted server keeps its data. With a token, a
 * request must carry {@code Authorization: Token KEY}: a wrong key answers 401 {@code
 * {"detail": "Invalid token."}}; without the header, reads of non-public resources answer 403
 * (code 3001) and writes 401 {@code "Authentication credentials were not provided."}, as the
 * service answers anonymous callers. Without a token every request is allowed.
 *
 * <p>Differences from the service: one time sample (0); lower resolution levels computed from
 * level 0 on request and not writable; resource updates (PUT), permissions, groups, ingest,
 * downsample jobs, tiles and images are not implemented (405 or 404).
 */
public final class BossServer implements ProtocolHandler {

  private static final String NAME = "([A-Za-z0-9_-]+)";
  private static final String RANGE = "(\\d+:\\d+)";
  private static final Pattern COLLECTIONS = Pattern.compile("/v1/collection/?");
  private static final Pattern COLLECTION = Pattern.compile("/v1/collection/" + NAME + "/?");
  private static final Pattern EXPERIMENTS =
      Pattern.compile("/v1/collection/" + NAME + "/experiment/?");
  private static final Pattern EXPERIMENT =
      Pattern.compile("/v1/collection/" + NAME + "/experiment/" + NAME + "/?");
  private static final Pattern CHANNELS =
      Pattern.compile("/v1/collection/" + NAME + "/experiment/" + NAME + "/channel/?");
  private static final Pattern CHANNEL = Pattern.compile("/v1/collection/" + NAME
      + "/experiment/" + NAME + "/channel/" + NAME + "/?");
  private static final Pattern COORDS = Pattern.compile("/v1/coord/?");
  private static final Pattern COORD = Pattern.compile("/v1/coord/" + NAME + "/?");
  private static final Pattern CUTOUT = Pattern.compile("/v1/cutout/" + NAME + "/" + NAME + "/"
      + NAME + "/(\\d)/" + RANGE + "/" + RANGE + "/" + RANGE + "(?:/" + RANGE + ")?/?");
  private static final Pattern IDS = Pattern.compile("/v1/ids/" + NAME + "/" + NAME + "/"
      + NAME + "/(\\d)/" + RANGE + "/" + RANGE + "/" + RANGE + "(?:/" + RANGE + ")?/?");
  private static final Pattern BOUNDING_BOX = Pattern.compile("/v1/boundingbox/" + NAME + "/"
      + NAME + "/" + NAME + "/(\\d)/(\\d+)/?");
  private static final Pattern RESERVE =
      Pattern.compile("/v1/reserve/" + NAME + "/" + NAME + "/" + NAME + "/(\\d+)/?");
  private static final Pattern META =
      Pattern.compile("/v1/meta/" + NAME + "(?:/" + NAME + "(?:/" + NAME + ")?)?/?");

  private final Optional<Secret> token;
  private final ResourceService resources;
  private final CutoutService cutouts;
  private final ObjectService objects;
  private final MetaService meta;

  /**
   * @param root where state is kept (created if missing)
   * @param token the one key accepted; empty accepts every request
   */
  public BossServer(Path root, Optional<Secret> token, BossServerConfig config)
      throws IOException {
    Files.createDirectories(root);
    this.token = token;
    ResourceStore store = new ResourceStore(root);
    VoxelStore voxels = new VoxelStore(store);
    Object lock = new Object();
    this.resources = new ResourceService(store, voxels, config.user(), lock);
    this.cutouts = new CutoutService(store, voxels, config);
    this.objects = new ObjectService(store, voxels, lock);
    this.meta = new MetaService(store, lock);
  }

  /**
   * Starts a server on 127.0.0.1 ({@code port} 0 picks a free one) keeping its state under
   * {@code root}; what {@code ndio serve boss --root DIR --port N [--token T]} runs.
   */
  public static EmbeddedServer start(Path root, int port, Optional<Secret> token,
      FaultInjection faults) throws IOException {
    return start(root, port, token, faults, BossServerConfig.DEFAULT);
  }

  public static EmbeddedServer start(Path root, int port, Optional<Secret> token,
      FaultInjection faults, BossServerConfig config) throws IOException {
    return EmbeddedServer.start(new BossServer(root, token, config), port, faults);
  }

  private enum Caller {
    USER, ANONYMOUS
  }

  @Override
  public Reply handle(Call call) {
    try {
      Caller caller = authenticate(call);
      boolean safe = Set.of("GET", "HEAD", "OPTIONS").contains(call.method());
      if (caller == Caller.ANONYMOUS && !safe) {
        throw new DrfError(401, "Authentication credentials were not provided.");
      }
      return route(call, caller == Caller.ANONYMOUS);
    } catch (BossError e) {
      return Answers.error(e);
    } catch (DrfError e) {
      return Answers.detail(e.status, e.getMessage());
    }
  }

  /** Django REST Framework's token authentication, as the service configures it. */
  private Caller authenticate(Call call) {
    if (token.isEmpty()) {
      return Caller.USER;
    }
    String header = call.header("Authorization").orElse("").trim();
    String[] parts = header.split("\\s+");
    if (header.isEmpty() || !parts[0].toLowerCase(Locale.ROOT).equals("token")) {
      return Caller.ANONYMOUS;
    }
    if (parts.length == 1) {
      throw new DrfError(401, "Invalid token header. No credentials provided.");
    }
    if (parts.length > 2) {
      throw new DrfError(401, "Invalid token header. Token string should not contain spaces.");
    }
    if (!parts[1].equals(token.get().reveal())) {
      throw new DrfError(401, "Invalid token.");
    }
    return Caller.USER;
  }

  private Reply route(Call call, boolean anonymous) {
    String path = call.path();
    String m = call.method();
    Matcher x;
    if ((x = match(CHANNEL, path)) != null) {
      return resource(call, Kind.CHANNEL, anonymous, groups(x));
    }
    if ((x = match(CHANNELS, path)) != null) {
      return list(m, Kind.CHANNEL, anonymous, groups(x));
    }
    if ((x = match(EXPERIMENT, path)) != null) {
      return resource(call, Kind.EXPERIMENT, anonymous, groups(x));
    }
    if ((x = match(EXPERIMENTS, path)) != null) {
      return list(m, Kind.EXPERIMENT, anonymous, groups(x));
    }
    if ((x = match(COLLECTION, path)) != null) {
      return resource(call, Kind.COLLECTION, anonymous, groups(x));
    }
    if (match(COLLECTIONS, path) != null) {
      return list(m, Kind.COLLECTION, anonymous);
    }
    if ((x = match(COORD, path)) != null) {
      return resource(call, Kind.COORD, anonymous, groups(x));
    }
    if (match(COORDS, path) != null) {
      return list(m, Kind.COORD, anonymous);
    }
    if ((x = match(CUTOUT, path)) != null) {
      allow(m, "GET", "POST");
      return cutouts.handle(call, groupList(x), anonymous);
    }
    if ((x = match(IDS, path)) != null) {
      allow(m, "GET");
      return objects.ids(groupList(x), anonymous);
    }
    if ((x = match(BOUNDING_BOX, path)) != null) {
      allow(m, "GET");
      return objects.boundingBox(call, groupList(x), anonymous);
    }
    if ((x = match(RESERVE, path)) != null) {
      allow(m, "GET");
      return objects.reserve(groupList(x), anonymous);
    }
    if ((x = match(META, path)) != null) {
      allow(m, "GET", "POST", "PUT", "DELETE");
      List<String> names = new ArrayList<>();
      for (String g : groupList(x)) {
        if (g != null) {
          names.add(g);
        }
      }
      return meta.handle(call, names, anonymous);
    }
    return Answers.notFoundPage();
  }

  private Reply resource(Call call, Kind kind, boolean anonymous, String... names) {
    return switch (call.method()) {
      case "GET" -> resources.get(kind, anonymous, names);
      case "POST" -> resources.create(kind, call.body(), names);
      case "DELETE" -> resources.delete(kind, names);
      default -> throw notAllowed(call.method());
    };
  }

  private Reply list(String method, Kind kind, boolean anonymous, String... parent) {
    allow(method, "GET");
    return resources.list(kind, anonymous, parent);
  }

  private static void allow(String method, String... allowed) {
    if (!List.of(allowed).contains(method)) {
      throw notAllowed(method);
    }
  }

  private static DrfError notAllowed(String method) {
    return new DrfError(405, "Method \"" + method + "\" not allowed.");
  }

  private static Matcher match(Pattern p, String path) {
    Matcher m = p.matcher(path);
    return m.matches() ? m : null;
  }

  private static String[] groups(Matcher m) {
    String[] out = new String[m.groupCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.group(i + 1);
    }
    return out;
  }

  private static List<String> groupList(Matcher m) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) {
      out.add(m.group(i));
    }
    return out;
  }
}
