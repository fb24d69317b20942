package org.ndio.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ndio.RamonException;
import org.ndio.RamonNotFoundException;
import org.ndio.ramon.io.RamonJson;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Seed;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * RAMON objects on a service without RAMON endpoints (BOSS, DVID), mapped onto what it has:
 * an object's voxels are the voxels of the channel (BOSS) or labels instance (DVID) holding its
 * id; its metadata is one value of the remote's key-value {@link Remote#metadata()} (BOSS
 * {@code /meta} on the channel, DVID the {@code INSTANCE_meta} keyvalue instance) under the key
 * {@code ramon:ID}, in the flat JSON form ndstore's {@code json/} service answers. Ids come from
 * {@link Remote#reserveIds} (BOSS {@code reserve}, DVID {@code nextlabel}).
 *
 * <p>What the mapping costs: a query reads every {@code ramon:} key and filters here (a scan
 * of the metadata, one request per key); reading a neuron, segment, node, skeleton or region
 * also scans, to derive the fields ndstore derives (a neuron's segments...). Voxels are written
 * by reading the object's box, labelling it here and posting it back: a concurrent writer of
 * the same voxels may be overwritten. BOSS never clears a voxel (a post of zeros leaves voxels
 * as they were), so on BOSS a deleted object's voxels keep its id in the channel; DVID clears
 * them. A post checks the whole batch (ids, links, voxel bounds and conflicts) before it stores
 * anything; a failure while storing (a dropped connection) can leave part of it stored.
 */
public final class KeyValueRamon implements RamonRemote {

  /** The ids handled together when nothing else says how many. */
  public static final int DEFAULT_BATCH = 100;

  /** Metadata keys of RAMON objects start with this. */
  public static final String KEY_PREFIX = "ramon:";

  private final Remote remote;
  private final int batchSize;

  public KeyValueRamon(Remote remote, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
    }
    this.remote = remote;
    this.batchSize = batchSize;
  }

  /** The metadata key of object {@code id}. */
  public static String key(long id) {
    return KEY_PREFIX + id;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  private String where() {
    return remote.toString();
  }

  private Optional<RamonObject> stored(long id) {
    return remote.metadata(key(id)).map(v -> decode(v, id));
  }

  private RamonObject decode(String value, long id) {
    List<RamonObject> o = RamonJson.read(value, where() + " metadata " + key(id));
    if (o.size() != 1 || o.get(0).id() != id) {
      throw new RamonException(where() + ": metadata " + key(id) + " does not hold object "
          + id);
    }
    return o.get(0);
  }

  /** Every stored object by id: a scan of the metadata. */
  private Map<Long, RamonObject> all() {
    Map<Long, RamonObject> out = new TreeMap<>();
    for (Map.Entry<String, String> e : remote.metadata().entrySet()) {
      if (e.getKey().startsWith(KEY_PREFIX)) {
        long id = Long.parseLong(e.getKey().substring(KEY_PREFIX.length()));
        out.put(id, decode(e.getValue(), id));
      }
    }
    return out;
  }

  @Override
  public List<RamonObject> getRamon(long[] ids, RamonRead how) {
    List<RamonObject> out = new ArrayList<>();
    Map<Long, RamonObject> everything = null;
    for (long id : ids) {
      RamonObject o = stored(id).orElseThrow(() -> new RamonNotFoundException(where()
          + ": no RAMON object " + id));
      if (needsDerived(o)) {
        everything = everything == null ? all() : everything;
        o = derive(o, everything);
      }
      out.add(withVoxels(o, how, everything));
    }
    return out;
  }

  private static boolean needsDerived(RamonObject o) {
    return o instanceof Neuron || o instanceof Segment || o instanceof Node
        || o instanceof Skeleton || o instanceof Roi;
  }

  private static List<Long> idsWhere(Map<Long, RamonObject> all,
      java.util.function.Predicate<RamonObject> p) {
    return all.values().stream().filter(p).map(RamonObject::id).toList();
  }

  /** {@code o} with the fields ndstore derives from the other objects. */
  static RamonObject derive(RamonObject o, Map<Long, RamonObject> all) {
    long id = o.id();
    if (o instanceof Neuron n) {
      return new Neuron(n.common(), idsWhere(all, x -> x instanceof Segment s
          && s.neuron() == id), n.voxels());
    }
    if (o instanceof Segment s) {
      return new Segment(s.common(), s.segmentClass(), s.parentSeed(), s.neuron(),
          idsWhere(all, x -> x instanceof Synapse y && y.segments().stream()
              .anyMatch(l -> l.segment() == id)),
          idsWhere(all, x -> x instanceof Organelle g && g.segment() == id), s.voxels());
    }
    if (o instanceof Node d) {
      return new Node(d.common(), d.nodeType(), d.skeleton(), d.parent(), d.radius(),
          d.location(), idsWhere(all, x -> x instanceof Node c && c.parent() == id), d.voxels());
    }
    if (o instanceof Skeleton k) {
      return new Skeleton(k.common(), k.skeletonType(), k.rootNode(),
          idsWhere(all, x -> x instanceof Node c && c.skeleton() == id), k.voxels());
    }
    if (o instanceof Roi r) {
      return new Roi(r.common(), r.parent(), idsWhere(all, x -> x instanceof Roi c
          && c.parent() == id), r.voxels());
    }
    return o;
  }

  /** The object as stored: no voxels, none of the derived fields. */
  static RamonObject underived(RamonObject o) {
    return derive(o, Map.of()).withVoxels(Optional.empty());
  }

  private RamonObject withVoxels(RamonObject o, RamonRead how, Map<Long, RamonObject> all) {
    if (how.kind() == RamonRead.Kind.METADATA) {
      return o;
    }
    int r = how.resolution();
    long[] data = o instanceof Neuron n ? n.segments().stream().mapToLong(Long::longValue)
        .toArray() : new long[] {o.id()};
    Optional<BoundingBox> box = how.box();
    if (box.isEmpty()) {
      box = boxOf(data, r);
    }
    if (box.isEmpty()) {
      return o; // as ndstore: no voxels at all rather than an empty list
    }
    Volume labels = remote.getCutout(box.get());
    if (data.length != 1 || data[0] != o.id()) {
      Set<Long> ids = new HashSet<>();
      for (long d : data) {
        ids.add(d);
      }
      for (int z = 0; z < labels.sizeZ(); z++) {
        for (int y = 0; y < labels.sizeY(); y++) {
          for (int x = 0; x < labels.sizeX(); x++) {
            labels.setLong(x, y, z, ids.contains(labels.getLong(x, y, z)) ? o.id() : 0);
          }
        }
      }
    }
    RamonVoxels v = how.kind() == RamonRead.Kind.VOXELS
        ? RamonLabels.voxelList(labels, box.get(), o.id())
        : RamonLabels.cutout(labels, box.get(), o.id());
    return o.withVoxels(Optional.of(v));
  }

  private Optional<BoundingBox> boxOf(long[] ids, int resolution) {
    Optional<BoundingBox> out = Optional.empty();
    for (long id : ids) {
      Optional<BoundingBox> b = remote.boundingBox(id, resolution);
      if (b.isPresent()) {
        out = Optional.of(out.isEmpty() ? b.get() : union(out.get(), b.get()));
      }
    }
    return out;
  }

  private static BoundingBox union(BoundingBox a, BoundingBox b) {
    return new BoundingBox(Math.min(a.x0(), b.x0()), Math.max(a.x1(), b.x1()),
        Math.min(a.y0(), b.y0()), Math.max(a.y1(), b.y1()), Math.min(a.z0(), b.z0()),
        Math.max(a.z1(), b.z1()), a.resolution());
  }

  @Override
  public long[] postRamon(List<RamonObject> objects, PostMode mode) {
    return store(objects, mode, false);
  }

  @Override
  public void updateRamon(List<RamonObject> objects, PostMode mode) {
    store(objects, mode, true);
  }

  /** A block of labels to post back after labelling. */
  private record Labelled(BoundingBox box, Volume labels) {}

  private long[] store(List<RamonObject> objects, PostMode mode, boolean update) {
    // 1. Check the whole batch before anything is stored.
    Set<Long> seen = new HashSet<>();
    Map<Long, RamonObject> batch = new LinkedHashMap<>();
    int fresh = 0;
    for (RamonObject o : objects) {
      long id = o.id();
      if (id == 0) {
        if (update) {
          throw new RamonNotFoundException(where() + ": cannot update object 0 (no such id)");
        }
        fresh++;
        continue;
      }
      if (!seen.add(id)) {
        throw new RamonException(where() + ": the post holds object " + id + " twice");
      }
      boolean exists = remote.metadata(key(id)).isPresent();
      if (update && !exists) {
        throw new RamonNotFoundException(where() + ": cannot update RAMON object " + id
            + ": it does not exist");
      }
      if (!update && exists) {
        throw new RamonException(where() + ": RAMON object " + id + " already exists");
      }
      batch.put(id, o);
    }
    Map<Long, Boolean> known = new HashMap<>();
    for (RamonObject o : objects) {
      for (long l : new TreeMap<>(toMap(o.links())).keySet()) {
        boolean ok = batch.containsKey(l)
            || known.computeIfAbsent(l, x -> remote.metadata(key(x)).isPresent());
        if (!ok) {
          throw new RamonException(where() + ": " + o.type().serverName() + " " + o.id()
              + " links to object " + l + ", which does not exist");
        }
      }
      if (o.voxels().isPresent() && (o instanceof Neuron || o instanceof Seed)) {
        throw new RamonException(where() + ": a " + o.type().serverName() + " takes no voxels"
            + " (a neuron's voxels are its segments')");
      }
    }
    DataType dtype = remote.info().dtype();
    // 2. Ids for new objects.
    long[] ids = new long[objects.size()];
    java.util.Iterator<Long> fresher = freshIds(fresh, seen).iterator();
    for (int i = 0; i < objects.size(); i++) {
      ids[i] = objects.get(i).id() != 0 ? objects.get(i).id() : fresher.next();
      RamonLabels.requireFits(ids[i], dtype, where());
    }
    // 3. Read and label the voxels (bounds and conflicts fail here, before any write).
    List<Labelled> writes = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Optional<RamonVoxels> v = objects.get(i).voxels();
      Optional<BoundingBox> b = v.flatMap(RamonLabels::extent);
      if (b.isEmpty()) {
        continue;
      }
      int r = b.get().resolution();
      BoundingBox extent = (r == 0 ? remote : remote.level(r)).info().extent().atResolution(r);
      if (!extent.contains(b.get())) {
        throw new RamonException(where() + ": the voxels of object " + ids[i] + " ("
            + b.get() + ") reach outside the channel at level " + r + " (" + extent + ")");
      }
      Volume labels = remote.getCutout(b.get());
      if (mode == PostMode.EXCEPTION) {
        long n = RamonLabels.conflicts(labels, b.get(), v.get(), ids[i]);
        if (n > 0) {
          throw new RamonException(where() + ": exception: " + n + " voxels of object "
              + ids[i] + " are labelled with other objects");
        }
      }
      RamonLabels.label(labels, b.get(), v.get(), ids[i], mode);
      writes.add(new Labelled(b.get(), labels));
    }
    // 4. Store: metadata, then voxels.
    for (int i = 0; i < objects.size(); i++) {
      RamonObject o = underived(objects.get(i).withId(ids[i]));
      remote.putMetadata(key(ids[i]), RamonJson.write(List.of(o)));
    }
    for (Labelled w : writes) {
      remote.postCutout(w.box().x0(), w.box().y0(), w.box().z0(), w.box().resolution(),
          w.labels());
    }
    return ids;
  }

  /**
   * {@code n} reserved ids that hold no object: the service's counter knows nothing of objects
   * posted with ids of their own, so reserved ids already taken are skipped.
   */
  private List<Long> freshIds(int n, Set<Long> posted) {
    List<Long> out = new ArrayList<>();
    while (out.size() < n) {
      Remote.IdRange r = remote.reserveIds(n - out.size());
      for (long id = r.first(); id < r.first() + r.count(); id++) {
        if (!posted.contains(id) && remote.metadata(key(id)).isEmpty()) {
          out.add(id);
        }
      }
    }
    return out;
  }

  private static Map<Long, Boolean> toMap(Set<Long> s) {
    Map<Long, Boolean> m = new HashMap<>();
    s.forEach(x -> m.put(x, true));
    return m;
  }

  @Override
  public void deleteRamon(long[] ids) {
    for (long id : ids) {
      if (remote.metadata(key(id)).isEmpty()) {
        continue;
      }
      for (int r = 0; r < remote.levelCount(); r++) {
        relabel(id, 0, r);
      }
      remote.deleteMetadata(key(id));
    }
  }

  private void relabel(long from, long to, int resolution) {
    Optional<BoundingBox> b = remote.boundingBox(from, resolution);
    if (b.isPresent()) {
      Volume labels = remote.getCutout(b.get());
      if (RamonLabels.relabel(labels, from, to) > 0) {
        remote.postCutout(b.get().x0(), b.get().y0(), b.get().z0(), resolution, labels);
      }
    }
  }

  /** Answered by a scan of every {@code ramon:} key, filtered here. */
  @Override
  public long[] queryRamon(RamonQuery q) {
    Set<Long> inBox = null;
    if (q.box().isPresent()) {
      inBox = new HashSet<>();
      for (long id : remote.ids(q.box().get())) {
        inBox.add(id);
      }
    }
    List<Long> out = new ArrayList<>();
    for (RamonObject o : all().values()) {
      if (q.matches(o) && (inBox == null || inBox.contains(o.id()))) {
        out.add(o.id());
      }
    }
    int n = q.limit().isPresent() ? Math.min(q.limit().getAsInt(), out.size()) : out.size();
    return out.subList(0, n).stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public Optional<BoundingBox> ramonBoundingBox(long id, int resolution) {
    RamonObject o = stored(id).orElseThrow(() -> new RamonNotFoundException(where()
        + ": no RAMON object " + id));
    if (o instanceof Neuron) {
      Neuron n = (Neuron) derive(o, all());
      return boxOf(n.segments().stream().mapToLong(Long::longValue).toArray(), resolution);
    }
    return remote.boundingBox(id, resolution);
  }

  @Override
  public Remote.IdRange reserveIds(long count) {
    return remote.reserveIds(count);
  }

  @Override
  public void mergeRamon(long[] ids, int resolution) {
    for (long id : ids) {
      if (remote.metadata(key(id)).isEmpty()) {
        throw new RamonNotFoundException(where() + ": cannot merge: no RAMON object " + id);
      }
    }
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] != ids[0]) {
        relabel(ids[i], ids[0], resolution);
        remote.deleteMetadata(key(ids[i]));
      }
    }
  }

  @Override
  public String toString() {
    return "KeyValueRamon[" + remote + "]";
  }
}
