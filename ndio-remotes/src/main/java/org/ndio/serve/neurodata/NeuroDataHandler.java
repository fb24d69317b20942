package org.ndio.serve.neurodata;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.remote.http.Secret;
import org.ndio.serve.Call;
import org.ndio.serve.ProtocolHandler;
import org.ndio.serve.Reply;

/**
 * ndstore's {@code /nd/sd/} web services (also reached as {@code /sd/}, {@code /nd/ca/} and
 * {@code /ca/}, as ndstore routes them): {@code public_tokens/}, {@code public_datasets/},
 * {@code TOKEN/info/}, the cutout services ({@code npz}, {@code hdf5}, {@code raw}, {@code id},
 * {@code ids}), {@code reserve/N/}, {@code getPropagate/}, {@code setPropagate/V/} and {@code
 * autoIngest/}. RAMON services are not served yet.
 *
 * <p>Authorisation as ndstore's REST framework setup gives it: with a key configured, a request
 * carrying {@code Authorization: Token KEY} is the server's (super)user and may do anything; a
 * request without it, or with another key, is anonymous and reaches public tokens only,
 * refused otherwise with 403 (401 with a {@code WWW-Authenticate: Token} challenge from {@code
 * info/}) and {@code {"detail":"Authentication credentials were not provided."}}. Unlike
 * ndstore, {@code autoIngest/} also needs the key when one is configured. Without a key
 * configured every request is served.
 */
public final class NeuroDataHandler implements ProtocolHandler, AutoCloseable {

  private static final Pattern PREFIX = Pattern.compile("^/(?:nd/)?(?:sd|ca)/(.*)$");
  private static final Pattern INFO = Pattern.compile("^(\\w+)/info/[\\w,/]*$");
  private static final Pattern RESERVE = Pattern.compile("^(\\w+)/(\\w+)/reserve/([\\w+,/]*)$");
  private static final Pattern CUTOUT = Pattern.compile("^(\\w+)/([\\w+,-]+)/(xy|xz|yz|tiff"
      + "|hdf5|blosc|blaze|jpeg|npz|raw|zip|diff|id|ids|xyanno|xzanno|yzanno)/([\\w.,/-]*)$");
  private static final Pattern GET_PROPAGATE = Pattern.compile("^(\\w+)/([\\w+,]+)/getPropagate/$");
  private static final Pattern SET_PROPAGATE =
      Pattern.compile("^(\\w+)/([\\w+,]+)/setPropagate/([\\d+,]+)/$");
  private static final Pattern QUERY = Pattern.compile("^(\\w+)/(\\w+)/query/([\\w.,/]*)$");
  private static final Pattern MERGE = Pattern.compile("^(\\w+)/(\\w+)/merge/([\\w,/]+)$");
  private static final Pattern MERGE_ARGS = Pattern.compile("^([\\d,]+)/global/(\\d+)/$");
  private static final Pattern RAMON = Pattern.compile("^(\\w+)/(\\w+)/([\\w,/+]*)$");
  private static final List<String> SERVED = List.of("npz", "hdf5", "raw", "id", "ids");
  private static final String NO_CREDENTIALS = "Authentication credentials were not provided.";

  private final Optional<Secret> key;
  private final Catalog catalog;
  private final ChannelVoxels voxels;
  private final CutoutService cutouts;
  private final Propagator propagator;
  private final AutoIngest ingest;
  private final RamonService ramon;

  /**
   * @param root where projects and voxels are kept (made if missing)
   * @param key the user's key requests must carry to reach private tokens; empty for an open
   *     server
   */
  public NeuroDataHandler(Path root, Optional<Secret> key) {
    this.key = key;
    this.catalog = new Catalog(root);
    this.voxels = new ChannelVoxels(root);
    this.cutouts = new CutoutService(voxels, 1);
    this.propagator = new Propagator(catalog, voxels);
    this.ingest = new AutoIngest(catalog);
    this.ramon = new RamonService(root, catalog, voxels);
  }

  @Override
  public Reply handle(Call call) {
    Matcher prefix = PREFIX.matcher(call.path());
    if (!prefix.matches()) {
      return Django.noRoute(call.path());
    }
    String w = prefix.group(1);
    String m = call.method();
    if (w.equals("public_tokens/") || w.equals("public_datasets/")) {
      return !m.equals("GET") ? Django.methodNotAllowed(m, "GET")
          : Reply.json(200, PyJson.dumps(w.startsWith("public_tokens")
              ? catalog.publicTokens() : catalog.publicDatasets()));
    }
    if (w.equals("autoIngest/")) {
      if (!authenticated(call)) {
        return Django.refused(403, NO_CREDENTIALS);
      }
      return ingest.handle(call.body());
    }
    Matcher info = INFO.matcher(w);
    if (info.matches()) {
      return gate(call, info.group(1), 401, "GET").orElseGet(() -> info(info.group(1)));
    }
    Matcher reserve = RESERVE.matcher(w);
    if (reserve.matches()) {
      return gate(call, reserve.group(1), 403, "POST").orElseGet(() -> reserve(w, reserve));
    }
    Matcher get = GET_PROPAGATE.matcher(w);
    if (get.matches()) {
      return gate(call, get.group(1), 403, "GET").orElseGet(() -> getPropagate(get));
    }
    Matcher set = SET_PROPAGATE.matcher(w);
    if (set.matches()) {
      return gate(call, set.group(1), 403, "GET").orElseGet(() -> setPropagate(set));
    }
    Matcher cut = CUTOUT.matcher(w);
    if (cut.matches()) {
      return gate(call, cut.group(1), 403, "GET, POST").orElseGet(() -> cutout(call, w, cut));
    }
    Matcher query = QUERY.matcher(w);
    if (query.matches()) {
      return gate(call, query.group(1), 403, "GET").orElseGet(() -> onChannel(query,
          (r, ch) -> ramon.query(r, ch, query.group(3))));
    }
    Matcher merge = MERGE.matcher(w);
    if (merge.matches()) {
      return gate(call, merge.group(1), 403, "POST").orElseGet(() -> onChannel(merge,
          (r, ch) -> {
            Matcher a = MERGE_ARGS.matcher(merge.group(3));
            return a.matches() ? ramon.merge(r, ch, a.group(1), Integer.parseInt(a.group(2)))
                : Django.notFound("Illegal globalMerber request. Wrong number of arguments.");
          }));
    }
    Matcher obj = RAMON.matcher(w);
    if (obj.matches()) {
      return gate(call, obj.group(1), 403, "GET, POST, DELETE").orElseGet(() -> onChannel(obj,
          (r, ch) -> switch (m) {
            case "GET" -> ramon.get(r, ch, obj.group(3));
            case "POST" -> ramon.post(r, ch, obj.group(3), call.body());
            default -> ramon.delete(r, ch, obj.group(3));
          }));
    }
    return Django.noRoute(call.path());
  }

  /** The REST framework's checks: permission first, then the method. */
  private Optional<Reply> gate(Call call, String token, int refusal, String methods) {
    if (!authenticated(call) && !catalog.token(token).map(t -> t.isPublic() == 1).orElse(false)) {
      return Optional.of(Django.refused(refusal, NO_CREDENTIALS));
    }
    if (!List.of(methods.split(", ")).contains(call.method())) {
      return Optional.of(Django.methodNotAllowed(call.method(), methods));
    }
    return Optional.empty();
  }

  private boolean authenticated(Call call) {
    if (key.isEmpty()) {
      return true;
    }
    String[] auth = call.header("Authorization").orElse("").trim().split("\\s+");
    return auth.length == 2 && auth[0].equalsIgnoreCase("Token")
        && auth[1].equals(key.get().reveal());
  }

  private Optional<Catalog.Resolved> resolve(String token) {
    return catalog.resolve(token);
  }

  private static Reply noToken(String token) {
    return Django.notFound("Token " + token + " does not exist. Token matching query does not"
        + " exist.");
  }

  private static Reply noChannel(String channel) {
    return Django.notFound("Channel " + channel + " does not exist. Channel matching query"
        + " does not exist.");
  }

  private Reply info(String token) {
    return resolve(token).map(r -> {
      java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
      doc.put("dataset", r.dataset().infoDict());
      java.util.Map<String, Object> pr = new java.util.LinkedHashMap<>();
      pr.put("name", r.project().name());
      pr.put("description", r.project().description());
      pr.put("schema_version", "1.1.0");
      pr.put("ndstore_version", "1.2.0");
      pr.put("s3backend", 0);
      doc.put("project", pr);
      java.util.Map<String, Object> chans = new java.util.LinkedHashMap<>();
      r.project().channels().forEach((n, c) -> chans.put(n, c.infoDict()));
      doc.put("channels", chans);
      doc.put("metadata", java.util.Map.of());
      return Reply.json(200, PyJson.dumps(doc));
    }).orElseGet(() -> noToken(token));
  }

  private Reply cutout(Call call, String webargs, Matcher m) {
    String token = m.group(1);
    String channel = m.group(2);
    String service = m.group(3);
    if (!SERVED.contains(service)) {
      return Django.notFound("The " + service + " service is not served by ndio's NeuroData"
          + " server (it serves " + String.join(", ", SERVED) + ")");
    }
    if (channel.contains(",")) {
      return Django.notFound("ndio's NeuroData server serves one channel per cutout, not "
          + channel);
    }
    Optional<Catalog.Resolved> r = resolve(token);
    if (r.isEmpty()) {
      return noToken(token);
    }
    NdChannel ch = r.get().project().channels().get(channel);
    if (ch == null) {
      return noChannel(channel);
    }
    return call.method().equals("GET")
        ? cutouts.get(r.get(), ch, service, m.group(4), webargs)
        : cutouts.post(r.get(), ch, service, m.group(4), call.body());
  }

  /** Resolves group 1 (token) and 2 (channel) of {@code m}, then runs {@code action}. */
  private Reply onChannel(Matcher m,
      java.util.function.BiFunction<Catalog.Resolved, NdChannel, Reply> action) {
    Optional<Catalog.Resolved> r = resolve(m.group(1));
    if (r.isEmpty()) {
      return noToken(m.group(1));
    }
    NdChannel ch = r.get().project().channels().get(m.group(2));
    if (ch == null) {
      return noChannel(m.group(2));
    }
    return action.apply(r.get(), ch);
  }

  private Reply reserve(String webargs, Matcher m) {
    Optional<Catalog.Resolved> r = resolve(m.group(1));
    if (r.isEmpty()) {
      return noToken(m.group(1));
    }
    NdChannel ch = r.get().project().channels().get(m.group(2));
    if (ch == null) {
      return noChannel(m.group(2));
    }
    if (!ch.isAnnotation()) {
      return Django.notFound("Illegal project type for reserve.");
    }
    String[] parts = m.group(3).split("/", 2);
    long count;
    try {
      count = Long.parseLong(parts[0]);
      if (count < 0 || parts.length < 2) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return Django.notFound("Illegal arguments to reserve: " + webargs);
    }
    String project = r.get().project().name();
    long[] first = new long[1];
    catalog.updateChannel(project, ch.name(), c -> {
      first[0] = c.nextId();
      return c.withNextId(c.nextId() + count);
    });
    return Reply.json(200, "[" + first[0] + ", " + count + "]");
  }

  private Reply getPropagate(Matcher m) {
    Optional<Catalog.Resolved> r = resolve(m.group(1));
    if (r.isEmpty()) {
      return noToken(m.group(1));
    }
    StringBuilder b = new StringBuilder();
    for (String name : m.group(2).split(",")) {
      NdChannel ch = r.get().project().channels().get(name);
      if (ch == null) {
        return noChannel(name);
      }
      b.append(b.length() == 0 ? "" : ",").append(ch.propagate());
    }
    return Django.ok(b.toString());
  }

  private Reply setPropagate(Matcher m) {
    Optional<Catalog.Resolved> r = resolve(m.group(1));
    if (r.isEmpty()) {
      return noToken(m.group(1));
    }
    String project = r.get().project().name();
    int value;
    try {
      value = Integer.parseInt(m.group(3).split(",")[0]);
    } catch (NumberFormatException e) {
      return Django.notFound("Invalid Value " + m.group(3) + " for setPropagate");
    }
    for (String name : m.group(2).split(",")) {
      if (!r.get().project().channels().containsKey(name)) {
        return noChannel(name);
      }
      String[] refusal = new String[1];
      boolean[] start = new boolean[1];
      catalog.updateChannel(project, name, ch -> {
        if (value == 1 && ch.propagate() == 0) {
          if (ch.readonly() == 1) {
            refusal[0] = "Cannot Propagate this project. It is set to Read Only.";
            return ch;
          }
          start[0] = true;
          return ch.withPropagate(1);
        } else if (value == 1 && ch.propagate() == 2) {
          refusal[0] = "Cannot propagate a project which is propagated. Set to Not Propagated"
              + " first.";
        } else if (value == 0 && ch.propagate() == 1) {
          refusal[0] = "Cannot set this value. Project is under propagation.";
        } else if (value == 0 && ch.propagate() == 2 && ch.readonly() == 1) {
          refusal[0] = "Cannot set this Project to unpropagated. Project is Read only";
        } else if (value == 0) {
          return ch.withPropagate(0);
        } else {
          refusal[0] = "Invalid Value " + value + " for setPropagate";
        }
        return ch;
      });
      if (refusal[0] != null) {
        return Django.notFound(refusal[0]);
      }
      if (start[0]) {
        propagator.start(project, name);
      }
    }
    return Django.ok("");
  }

  @Override
  public void close() {
    propagator.close();
  }
}
