package org.ndio.remote.neurodata;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ndio.CorruptDataException;
import org.ndio.RamonException;
import org.ndio.RamonNotFoundException;
import org.ndio.RemoteException;
import org.ndio.ramon.RamonObject;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.RamonRead;
import org.ndio.remote.RamonRemote;
import org.ndio.ramon.io.RamonHdf5;
import org.ndio.remote.Remote;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.volume.BoundingBox;

/**
 * RAMON objects of a NeuroData channel through ndstore's object services, as the original ndio
 * used them: {@code GET TOKEN/CHANNEL/ID,ID,.../nodata|voxels/RES|cutout/RES[/X0,X1/Y0,Y1/Z0,Z1]/}
 * and {@code .../boundingbox/RES/} (HDF5 answers), {@code POST TOKEN/CHANNEL/[update/]MODE/}
 * with an HDF5 body, {@code DELETE TOKEN/CHANNEL/IDS/}, {@code GET TOKEN/CHANNEL/query/...}
 * ({@code ANNOIDS}), {@code POST reserve/N/} and {@code POST merge/IDS/global/RES/}. At most
 * {@link #batchSize()} ids or objects travel per request; read batches run concurrently.
 *
 * <p>Posts and retries: a post is not idempotent on ndstore (an id it stored is refused the
 * second time), so it is never blindly sent again. New objects (id 0) get ids reserved first
 * and are posted with them; when a post gets no clean answer (a dropped connection, a cut
 * body, a 5xx), the first object of the batch is looked up: found means the batch was stored
 * whole (the server stores a batch whole or not at all), missing means it is sent again.
 * Reads, updates, deletes and reservations are retried as they are. ndstore records only the
 * last id of a reserved range, so the last id of each range is left unused: posting it to a
 * real ndstore would be refused as a duplicate.
 *
 * <p>Batches of a post larger than {@link #batchSize()} keep linked objects (a synapse and
 * the segments it names) together; if a later batch is refused, the batches already stored are
 * deleted again, so a refused post leaves no objects behind (their voxels are unlabelled,
 * which may clear voxels they had taken from other objects in {@link PostMode#OVERWRITE}).
 *
 * <p>Queries send what ndstore's URL predicates can carry ({@code type}, {@code status},
 * {@code confidence/gt|lt}, key-value pairs of word characters, {@code limit}); the rest (keys
 * or values with other characters, negative bounds, ndio's volume and attributed region types)
 * is checked here on the objects' metadata, and a box is applied with the {@code ids/} service
 * (ndstore's own box query is a POST its router refuses).
 */
public final class NeuroDataRamon implements RamonRemote {

  /** The original ndio's batch size. */
  public static final int DEFAULT_BATCH = 100;

  private static final Pattern NOT_FOUND =
      Pattern.compile("(?:No annotation found at identifier = |During update no annotation"
          + " found at id )(\\d+)");
  private static final Pattern WORD = Pattern.compile("^\\w+$");
  private static final Pattern VALUE = Pattern.compile("^[\\w.,]+$");
  private static final Set<String> RESERVED = Set.of("type", "status", "confidence", "limit");

  private final NeuroDataRemote remote;
  private final int batchSize;

  NeuroDataRamon(NeuroDataRemote remote, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
    }
    this.remote = remote;
    this.batchSize = batchSize;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  private HttpTransport http() {
    return remote.transport();
  }

  // ---- reads

  @Override
  public List<RamonObject> getRamon(long[] ids, RamonRead how) {
    long[] distinct = Arrays.stream(ids).distinct().toArray();
    String option = switch (how.kind()) {
      case METADATA -> "nodata/";
      case VOXELS -> "voxels/" + how.resolution() + "/";
      case CUTOUT -> how.box().map(b -> "cutout/" + b.resolution() + "/" + b.x0() + ","
          + b.x1() + "/" + b.y0() + "," + b.y1() + "/" + b.z0() + "," + b.z1() + "/")
          .orElse("cutout/" + how.resolution() + "/");
    };
    List<Callable<List<RamonObject>>> tasks = new ArrayList<>();
    for (long[] batch : batches(distinct)) {
      tasks.add(() -> fetch(batch, option));
    }
    Map<Long, RamonObject> byId = new HashMap<>();
    for (List<RamonObject> got : http().parallel(tasks)) {
      got.forEach(o -> byId.put(o.id(), o));
    }
    List<RamonObject> out = new ArrayList<>();
    for (long id : ids) {
      RamonObject o = byId.get(id);
      if (o == null) {
        throw new CorruptDataException(remote.url() + ": the server's answer lacks RAMON object "
            + id);
      }
      out.add(o);
    }
    return out;
  }

  private List<long[]> batches(long[] ids) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i += batchSize) {
      out.add(Arrays.copyOfRange(ids, i, Math.min(ids.length, i + batchSize)));
    }
    return out;
  }

  private static String join(long[] ids) {
    return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
  }

  private List<RamonObject> fetch(long[] ids, String option) {
    HttpTransport.Request r = HttpTransport.Request.get(uri(join(ids) + "/" + option), Map.of());
    String where = http().describe(r);
    return send(r, resp -> decodeObjects(resp.body(), where));
  }

  private static List<RamonObject> decodeObjects(byte[] body, String where) {
    try {
      return RamonHdf5.read(body, where);
    } catch (CorruptDataException e) {
      throw e;
    } catch (RamonException e) {
      // The server wrote what it stored; an answer that does not decode was damaged.
      throw new CorruptDataException(e.getMessage(), e);
    }
  }

  private URI uri(String rest) {
    return remote.channelService(rest);
  }

  /** Sends through the remote, turning ndstore's refusals into RAMON errors. */
  private <T> T send(HttpTransport.Request r,
      java.util.function.Function<HttpTransport.Response, T> decode) {
    try {
      return remote.send(r, decode);
    } catch (RemoteException e) {
      throw refused(e);
    }
  }

  private RuntimeException refused(RemoteException e) {
    if (e.status() != 404 || e instanceof org.ndio.AccessDeniedException) {
      return e;
    }
    Matcher m = NOT_FOUND.matcher(e.serverMessage());
    if (m.find()) {
      return new RamonNotFoundException(remote.url() + ": no RAMON object " + m.group(1));
    }
    return new RamonException(remote.url() + ": the server refused the RAMON request: "
        + e.serverMessage(), e);
  }

  @Override
  public Optional<BoundingBox> ramonBoundingBox(long id, int resolution) {
    HttpTransport.Request r = HttpTransport.Request.get(uri(id + "/boundingbox/" + resolution
        + "/"), Map.of());
    String where = http().describe(r);
    Map<Long, BoundingBox> boxes = send(r, resp -> {
      try {
        return RamonHdf5.readBoundingBoxes(resp.body(), where);
      } catch (CorruptDataException e) {
        throw e;
      } catch (RamonException e) {
        throw new CorruptDataException(e.getMessage(), e);
      }
    });
    return Optional.ofNullable(boxes.get(id));
  }

  // ---- posts

  @Override
  public long[] postRamon(List<RamonObject> objects, PostMode mode) {
    if (objects.isEmpty()) {
      return new long[0];
    }
    long fresh = objects.stream().filter(o -> o.id() == 0).count();
    List<RamonObject> withIds = new ArrayList<>();
    if (fresh > 0) {
      long next = remote.reserveIds(fresh + 1).first();
      for (RamonObject o : objects) {
        withIds.add(o.id() == 0 ? o.withId(next++) : o);
      }
    } else {
      withIds.addAll(objects);
    }
    Set<Long> seen = new HashSet<>();
    for (RamonObject o : withIds) {
      if (!seen.add(o.id())) {
        throw new RamonException(remote.url() + ": the post holds object " + o.id() + " twice");
      }
    }
    // Encode everything first: an object the codec refuses fails before anything is sent.
    List<List<RamonObject>> batches = linkedBatches(withIds);
    List<byte[]> bodies = batches.stream().map(RamonHdf5::write).toList();
    List<Long> stored = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      try {
        postOnce(batches.get(i), bodies.get(i), mode.option() + "/");
      } catch (RuntimeException e) {
        if (!stored.isEmpty()) {
          try {
            deleteRamon(stored.stream().mapToLong(Long::longValue).toArray());
          } catch (RuntimeException x) {
            e.addSuppressed(x);
          }
        }
        throw e;
      }
      batches.get(i).forEach(o -> stored.add(o.id()));
    }
    return withIds.stream().mapToLong(RamonObject::id).toArray();
  }

  /**
   * Posts one batch with explicit ids; on a failure that may have reached the server, looks
   * whether it was stored before sending it again.
   */
  private void postOnce(List<RamonObject> batch, byte[] body, String options) {
    HttpTransport.Request r = HttpTransport.Request.post(uri(options),
        Map.of("Content-Type", "application/octet-stream"), body, false);
    RetryPolicy retry = remote.options().retry();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        sleep(retry.delay(attempt, ThreadLocalRandom.current()).toMillis());
      }
      try {
        String text = send(r, HttpTransport.Response::text);
        checkIds(text, batch, http().describe(r));
        return;
      } catch (RemoteException e) {
        if (e.status() != -1 && e.status() < 500 && e.status() != 429) {
          throw e;
        }
        last = e;
      } catch (CorruptDataException e) {
        last = e;
      }
      if (stored(batch.get(0).id())) {
        return;
      }
    }
    throw last;
  }

  private boolean stored(long id) {
    try {
      fetch(new long[] {id}, "nodata/");
      return true;
    } catch (RamonNotFoundException e) {
      return false;
    }
  }

  /**
   * The answer must name the posted ids, in any order: the server reads the objects from the
   * HDF5 body's groups, which carry no order (ndio's server answers them ascending).
   */
  private void checkIds(String text, List<RamonObject> batch, String where) {
    String want = batch.stream().map(o -> Long.toString(o.id()))
        .collect(Collectors.joining(","));
    List<String> got = new java.util.ArrayList<>(List.of(text.strip().split(",", -1)));
    List<String> posted = new java.util.ArrayList<>(List.of(want.split(",", -1)));
    got.sort(null);
    posted.sort(null);
    if (!got.equals(posted)) {
      throw new CorruptDataException(where + ": the server answered ids '" + text.strip()
          + "' for the posted " + want);
    }
  }

  /**
   * The objects in batches of at most {@link #batchSize()}, each group of objects linked to one
   * another kept in one batch (a group larger than a batch goes alone).
   */
  private List<List<RamonObject>> linkedBatches(List<RamonObject> objects) {
    if (objects.size() <= batchSize) {
      return List.of(objects);
    }
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      index.put(objects.get(i).id(), i);
    }
    int[] parent = new int[objects.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < objects.size(); i++) {
      for (long l : objects.get(i).links()) {
        Integer j = index.get(l);
        if (j != null) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<RamonObject>> groups = new LinkedHashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(objects.get(i));
    }
    List<List<RamonObject>> out = new ArrayList<>();
    List<RamonObject> current = new ArrayList<>();
    for (List<RamonObject> g : groups.values()) {
      if (!current.isEmpty() && current.size() + g.size() > batchSize) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.addAll(g);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Updates are idempotent (the same metadata and voxels again), so they are retried. */
  @Override
  public void updateRamon(List<RamonObject> objects, PostMode mode) {
    for (List<RamonObject> batch : linkedBatches(objects)) {
      HttpTransport.Request r = HttpTransport.Request.post(uri("update/" + mode.option() + "/"),
          Map.of("Content-Type", "application/octet-stream"), RamonHdf5.write(batch), true);
      String text = send(r, HttpTransport.Response::text);
      checkIds(text, batch, http().describe(r));
    }
  }

  @Override
  public void deleteRamon(long[] ids) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (long[] batch : batches(Arrays.stream(ids).distinct().toArray())) {
      tasks.add(() -> {
        send(new HttpTransport.Request("DELETE", uri(join(batch) + "/"), Map.of(), null, true),
            resp -> resp);
        return null;
      });
    }
    http().parallel(tasks);
  }

  // ---- queries

  @Override
  public long[] queryRamon(RamonQuery q) {
    StringBuilder path = new StringBuilder("query/");
    boolean local = false;
    if (q.type().isPresent()) {
      path.append("type/").append(q.type().get().serverCode().orElse(1)).append('/');
      local |= q.type().get().serverCode().isEmpty();
    }
    q.status().ifPresent(s -> path.append("status/").append(s.code()).append('/'));
    if (q.confidenceGt().isPresent()) {
      local |= !bound(path, "gt", q.confidenceGt().getAsDouble());
    }
    if (q.confidenceLt().isPresent()) {
      local |= !bound(path, "lt", q.confidenceLt().getAsDouble());
    }
    for (Map.Entry<String, String> e : q.keyValues().entrySet()) {
      if (WORD.matcher(e.getKey()).matches() && !RESERVED.contains(e.getKey())
          && VALUE.matcher(e.getValue()).matches()) {
        path.append(e.getKey()).append('/').append(e.getValue()).append('/');
      } else {
        local = true;
      }
    }
    if (q.limit().isPresent() && !local && q.box().isEmpty()) {
      path.append("limit/").append(q.limit().getAsInt()).append('/');
    }
    HttpTransport.Request r = HttpTransport.Request.get(uri(path.toString()), Map.of());
    String where = http().describe(r);
    long[] ids = send(r, resp -> {
      try {
        return RamonHdf5.readIds(resp.body(), where);
      } catch (CorruptDataException e) {
        throw e;
      } catch (RamonException e) {
        throw new CorruptDataException(e.getMessage(), e);
      }
    });
    List<Long> out = new ArrayList<>();
    if (local) {
      for (RamonObject o : getRamon(ids, RamonRead.metadata())) {
        if (q.matches(o)) {
          out.add(o.id());
        }
      }
    } else {
      Arrays.stream(ids).forEach(out::add);
    }
    if (q.box().isPresent()) {
      Set<Long> in = new HashSet<>();
      Arrays.stream(remote.ids(q.box().get())).forEach(in::add);
      out.removeIf(id -> !in.contains(id));
    }
    long[] sorted = out.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    int n = q.limit().isPresent() ? Math.min(q.limit().getAsInt(), sorted.length)
        : sorted.length;
    return Arrays.copyOf(sorted, n);
  }

  /** Appends {@code confidence/OP/BOUND/} if ndstore's URL can say it. */
  private static boolean bound(StringBuilder path, String op, double v) {
    String s = BigDecimal.valueOf(v).toPlainString();
    if (!VALUE.matcher(s).matches() || s.contains(",")) {
      return false;
    }
    path.append("confidence/").append(op).append('/').append(s).append('/');
    return true;
  }

  @Override
  public Remote.IdRange reserveIds(long count) {
    return remote.reserveIds(count);
  }

  @Override
  public void mergeRamon(long[] ids, int resolution) {
    if (ids.length < 2) {
      return;
    }
    HttpTransport.Request r = HttpTransport.Request.post(uri("merge/" + join(ids) + "/global/"
        + resolution + "/"), Map.of(), new byte[0], false);
    try {
      send(r, resp -> resp);
    } catch (RemoteException e) {
      // A merge whose answer was lost has deleted the others: then it is done.
      if (e.status() != -1 && e.status() < 500 || stored(ids[1])) {
        throw e;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException("interrupted while waiting to retry a RAMON post", e);
    }
  }

  @Override
  public String toString() {
    return "NeuroDataRamon[" + remote.url() + "]";
  }
}
