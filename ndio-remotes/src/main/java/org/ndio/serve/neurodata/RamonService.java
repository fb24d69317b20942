package org.ndio.serve.neurodata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.NdioException;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.Seed;
import org.ndio.ramon.VoxelList;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonLabels;
import org.ndio.ramon.io.RamonHdf5;
import org.ndio.ramon.io.RamonJson;
import org.ndio.serve.Reply;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * ndstore's RAMON services on one annotation channel: {@code GET TOKEN/CHANNEL/IDS/[nodata|json|
 * voxels/RES|cutout/RES[/X0,X1/Y0,Y1/Z0,Z1]|boundingbox/RES]/} ({@code product/hdf5}, or JSON),
 * {@code POST TOKEN/CHANNEL/[OPTIONS/]} with an HDF5 body (options {@code overwrite}, {@code
 * preserve}, {@code exception}, {@code update}, {@code json}) answering the ids joined by
 * commas, {@code DELETE TOKEN/CHANNEL/IDS/} answering {@code Success}, {@code GET
 * TOKEN/CHANNEL/query/PREDICATES/} ({@code ANNOIDS}) and {@code POST
 * TOKEN/CHANNEL/merge/IDS/global/RES/}. Every refusal is ndstore's: 404 with the message.
 *
 * <p>Where ndio does better than ndstore, on purpose: a post is checked whole before anything is
 * stored (ndstore stored the objects before a failing one); links to missing objects are
 * refused; query predicates all hold at once (ndstore's SQL asked one key-value row to match
 * them all, so two predicates never matched anything); {@code exception} refuses a post whose
 * voxels meet another object's instead of recording the clash in an exceptions table; a
 * malformed body is a 404 with the reason rather than a 500.
 */
final class RamonService {

  private static final Pattern IDS = Pattern.compile("^[\\d,]+$");
  private static final Pattern REGION =
      Pattern.compile("^(\\d+)/(\\d+),(\\d+)/(\\d+),(\\d+)/(\\d+),(\\d+)/?$");
  private static final String ROLLBACK = "Put Annotation:Put transaction rollback. ";

  private final Path root;
  private final Catalog catalog;
  private final ChannelVoxels voxels;
  private final Map<String, ChannelRamon> channels = new ConcurrentHashMap<>();

  RamonService(Path root, Catalog catalog, ChannelVoxels voxels) {
    this.root = root;
    this.catalog = catalog;
    this.voxels = voxels;
  }

  private ChannelRamon objects(String project, String channel) {
    return channels.computeIfAbsent(project + "/" + channel, k -> new ChannelRamon(
        root.resolve("ramon").resolve(project).resolve(channel)));
  }

  /** Where one channel's voxels are, with the dataset that frames them. */
  private record Place(String project, NdChannel channel, NdDataset dataset) {
    DataType dtype() {
      return DataType.fromName(channel.datatype());
    }
  }

  // ---- GET

  Reply get(Catalog.Resolved at, NdChannel ch, String rest) {
    String[] args = rest.split("/", 3);
    String first = args[0];
    String option = args.length > 1 ? args[1] : "";
    String more = args.length > 2 ? args[2] : "";
    Place p = new Place(at.project().name(), ch, at.dataset());
    if (!IDS.matcher(first).matches()) {
      return Django.notFound("Get interface " + first + " requested. Illegal or not"
          + " implemented");
    }
    long[] ids = parseIds(first);
    ChannelRamon objs = objects(p.project(), ch.name());
    synchronized (objs) {
      if (option.equals("json")) {
        List<RamonObject> out = new ArrayList<>();
        for (long id : ids) {
          Optional<ChannelRamon.Entry> e = objs.entry(id);
          if (e.isEmpty()) {
            return Django.notFound("Error: No annotation found at identifier = " + id);
          }
          out.add(objs.withDerived(e.get().object()));
        }
        return Reply.json(200, RamonJson.write(out));
      }
      try {
        if (option.equals("boundingbox")) {
          int r = resolution(more, "bounding box", p.dataset());
          Map<Long, BoundingBox> boxes = new LinkedHashMap<>();
          for (long id : ids) {
            RamonObject o = lookup(objs, id);
            tightBox(p, objs, o, r).ifPresent(b -> boxes.put(id, shift(b, p.dataset(), r, 1)));
          }
          return hdf5(RamonHdf5.writeBoundingBoxes(boxes));
        }
        List<RamonObject> out = new ArrayList<>();
        for (long id : ids) {
          RamonObject o = objs.withDerived(lookup(objs, id));
          out.add(switch (option) {
            case "", "nodata" -> o;
            case "voxels" -> withVoxels(p, objs, o, resolution(more, "voxel", p.dataset()),
                null, true);
            case "cutout" -> cutout(p, objs, o, more);
            default -> throw new Refusal("Fetch identifier " + id + ". Error: no such data"
                + " option " + option);
          });
        }
        return hdf5(RamonHdf5.write(out));
      } catch (Refusal e) {
        return Django.notFound(e.getMessage());
      }
    }
  }

  private static Reply hdf5(byte[] body) {
    return Django.ok("product/hdf5", body, Map.of());
  }

  private RamonObject cutout(Place p, ChannelRamon objs, RamonObject o, String more)
      throws Refusal {
    if (more.isEmpty() || more.matches("^\\d+/?$")) {
      return withVoxels(p, objs, o, resolution(more, "cutout", p.dataset()), null, false);
    }
    Matcher m = REGION.matcher(more);
    if (!m.matches()) {
      throw new Refusal("Incorrect cutout arguments " + more + ".");
    }
    int r = Integer.parseInt(m.group(1));
    if (!p.dataset().hasLevel(r)) {
      throw new Refusal("Illegal scaling level " + more);
    }
    long[] off = p.dataset().offset(r);
    long[] size = p.dataset().imageSize(r);
    long[] v = new long[6];
    for (int i = 0; i < 6; i++) {
      v[i] = Long.parseLong(m.group(i + 2)) - off[i / 2];
    }
    if (!(v[0] >= 0 && v[0] < v[1] && v[1] <= size[0] && v[2] >= 0 && v[2] < v[3]
        && v[3] <= size[1] && v[4] >= 0 && v[4] < v[5] && v[5] <= size[2])) {
      throw new Refusal("Illegal arguments to cutout. Check cube failed 'Illegal range. Image"
          + " size: " + Arrays.toString(size) + " at offset " + Arrays.toString(off) + "'");
    }
    return withVoxels(p, objs, o, r, new BoundingBox(v[0], v[1], v[2], v[3], v[4], v[5], r),
        false);
  }

  private static int resolution(String more, String what, NdDataset d) throws Refusal {
    String s = more.split("/", 2)[0];
    int r;
    try {
      r = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new Refusal("Improperly formatted " + what + " arguments " + more);
    }
    if (!d.hasLevel(r)) {
      throw new Refusal("Illegal scaling level " + r);
    }
    return r;
  }

  private static RamonObject lookup(ChannelRamon objs, long id) throws Refusal {
    return objs.entry(id).orElseThrow(() -> new Refusal("No annotation found at identifier = "
        + id)).object();
  }

  /**
   * {@code o} with its voxels at level {@code r}: in {@code region} (level coordinates) when
   * given, else in its tight box; as a list or a cutout, in the dataset's coordinates.
   */
  private RamonObject withVoxels(Place p, ChannelRamon objs, RamonObject o, int r,
      BoundingBox region, boolean list) throws Refusal {
    if (o instanceof Seed) {
      throw new Refusal("No data associated with annotation type seed");
    }
    BoundingBox box = region;
    if (box == null) {
      Optional<BoundingBox> tight = tightBox(p, objs, o, r);
      if (tight.isEmpty()) {
        return o; // ndstore adds no VOXELS or CUTOUT for an object without voxels
      }
      box = tight.get();
      if (!list && box.voxels() >= 1024L * 1024 * 256) {
        throw new Refusal("Cutout region is inappropriately large.  Dimension: " + box.sizeX()
            + "," + box.sizeY() + "," + box.sizeZ());
      }
    }
    Volume mask = mask(p, objs, o, box);
    BoundingBox out = shift(box, p.dataset(), r, 1);
    RamonVoxels v = list ? RamonLabels.voxelList(mask, out, o.id())
        : RamonLabels.cutout(mask, out, o.id());
    return o.withVoxels(Optional.of(v));
  }

  /** Labels of {@code box} read as {@code o}'s: its id where one of its data ids is, else 0. */
  private Volume mask(Place p, ChannelRamon objs, RamonObject o, BoundingBox box) {
    Set<Long> data = new HashSet<>(objs.dataIds(o));
    Volume labels = voxels.read(p.project(), p.channel().name(), box.resolution(), p.dtype(),
        box.atResolution(0));
    Volume mask = Volume.allocate(p.dtype(), box.atResolution(0));
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          long v = labels.getLong(x, y, z);
          if (v != 0 && data.contains(v)) {
            mask.setLong(x, y, z, o.id());
          }
        }
      }
    }
    return mask;
  }

  /** The tight box of {@code o}'s voxels at level {@code r}, level coordinates. */
  private Optional<BoundingBox> tightBox(Place p, ChannelRamon objs, RamonObject o, int r) {
    BoundingBox search = null;
    for (long id : objs.dataIds(o)) {
      Optional<ChannelRamon.Entry> e = objs.entry(id);
      BoundingBox b = e.map(x -> x.extents().get(r)).orElse(null);
      if (b == null) {
        // Voxels labelled through the cutout service have no index: scan the level.
        search = level(p.dataset(), r);
        break;
      }
      search = search == null ? b : ChannelRamon.union(search, b);
    }
    if (search == null) {
      return Optional.empty();
    }
    return RamonLabels.tightBox(mask(p, objs, o, search), search, o.id());
  }

  private static BoundingBox level(NdDataset d, int r) {
    long[] s = d.imageSize(r);
    return new BoundingBox(0, s[0], 0, s[1], 0, s[2], r);
  }

  /** {@code b} moved by the level's offset: {@code sign} 1 to the dataset's frame, -1 back. */
  private static BoundingBox shift(BoundingBox b, NdDataset d, int r, int sign) {
    long[] o = d.offset(r);
    return b.translate(sign * o[0], sign * o[1], sign * o[2]);
  }

  // ---- POST

  Reply post(Catalog.Resolved at, NdChannel ch, String options, byte[] body) {
    Place p = new Place(at.project().name(), ch, at.dataset());
    if (!ch.isAnnotation()) {
      return Django.notFound("Channel " + ch.name() + " does not support annotations");
    }
    if (ch.readonly() == 1) {
      return Django.notFound("Attempt to write to read only channel " + ch.name()
          + " in project. Web Args: " + at.project().name());
    }
    List<String> opts = Arrays.asList(options.split("/"));
    for (String o : opts) {
      if (!o.isEmpty() && !List.of("overwrite", "preserve", "exception", "update", "json")
          .contains(o)) {
        return Django.notFound(ROLLBACK + "ndio's NeuroData server does not serve the post"
            + " option '" + o + "' (it serves overwrite, preserve, exception, update, json)");
      }
    }
    boolean update = opts.contains("update");
    PostMode mode = opts.contains("preserve") ? PostMode.PRESERVE
        : opts.contains("exception") ? PostMode.EXCEPTION : PostMode.OVERWRITE;
    List<RamonObject> posted;
    try {
      if (opts.contains("json")) {
        posted = RamonJson.read(new String(body, StandardCharsets.UTF_8), "the posted JSON");
        if (posted.size() != 1) {
          return Django.notFound("JSON post interface can only accept one annotation. Tried to"
              + " post " + posted.size() + ".");
        }
      } else {
        if (body.length == 0) {
          return Django.notFound("Error. Failed to parse HDF5 file becuase it was empty.");
        }
        posted = RamonHdf5.read(body, "the posted HDF5 file");
        if (posted.isEmpty()) {
          return Django.notFound("Error. Failed to parse HDF5 file becuase it was empty.");
        }
      }
    } catch (NdioException e) {
      return Django.notFound(ROLLBACK + e.getMessage());
    }
    ChannelRamon objs = objects(p.project(), ch.name());
    synchronized (objs) {
      try {
        return Django.ok(store(p, objs, posted, update, mode));
      } catch (Refusal e) {
        return Django.notFound(e.getMessage());
      }
    }
  }

  /** Checks the whole batch, then stores it; the ids joined by commas. */
  private String store(Place p, ChannelRamon objs, List<RamonObject> posted, boolean update,
      PostMode mode) throws Refusal {
    // 1. ids: explicit ones must be new (or, for updates, stored) and distinct.
    Set<Long> seen = new HashSet<>();
    int fresh = 0;
    long maxExplicit = 0;
    for (RamonObject o : posted) {
      long id = o.id();
      if (id == 0) {
        if (update) {
          throw new Refusal(ROLLBACK + "During update no annotation found at id 0");
        }
        fresh++;
        continue;
      }
      if (!seen.add(id)) {
        throw new Refusal(ROLLBACK + "the post holds object " + id + " twice");
      }
      if (update && !objs.contains(id)) {
        throw new Refusal(ROLLBACK + "During update no annotation found at id " + id);
      }
      if (!update && objs.contains(id)) {
        throw new Refusal("(1062, \"Duplicate entry '" + id + "' for key 'PRIMARY'\")");
      }
      maxExplicit = Math.max(maxExplicit, id);
    }
    // 2. what the objects say, and where their voxels go.
    Map<Long, RamonObject> batch = new LinkedHashMap<>();
    posted.forEach(o -> batch.put(o.id(), o));
    List<BoundingBox> where = new ArrayList<>();
    for (RamonObject o : posted) {
      if (o.type().serverCode().isEmpty() && o.type() != RamonType.VOLUME
          && o.type() != RamonType.ATTRIBUTED_REGION) {
        throw new Refusal(ROLLBACK + "Unrecognized annotation type " + o.type());
      }
      List<Long> missing = objs.missingLinks(o, batch);
      if (!missing.isEmpty()) {
        throw new Refusal(ROLLBACK + o.type().serverName() + " " + o.id() + " links to "
            + (missing.size() == 1 ? "object " + missing.get(0) + ", which does not exist"
            : "objects " + missing + ", which do not exist"));
      }
      where.add(o.voxels().isEmpty() ? null : placeVoxels(p, o));
    }
    // 3. ids for the new objects, from the counter reserve/ uses.
    long[] ids = new long[posted.size()];
    long first = 0;
    long highest = maxExplicit;
    if (fresh > 0 || maxExplicit > 0) {
      int n = fresh;
      NdChannel c = catalog.updateChannel(p.project(), p.channel().name(), ch -> ch.withNextId(
          Math.max(ch.nextId(), highest + 1) + n));
      first = c.nextId() - n;
    }
    for (int i = 0, next = 0; i < posted.size(); i++) {
      ids[i] = posted.get(i).id() != 0 ? posted.get(i).id() : first + next++;
      RamonLabels.requireFits(ids[i], p.dtype(), "channel " + p.channel().name());
    }
    // 4. voxel conflicts, checked before anything is written.
    if (mode == PostMode.EXCEPTION) {
      for (int i = 0; i < posted.size(); i++) {
        BoundingBox b = where.get(i);
        if (b != null) {
          RamonVoxels v = levelVoxels(p, posted.get(i).voxels().get(), b.resolution());
          Volume labels = voxels.read(p.project(), p.channel().name(), b.resolution(),
              p.dtype(), b.atResolution(0));
          long n = RamonLabels.conflicts(labels, b, v, ids[i]);
          if (n > 0) {
            throw new Refusal(ROLLBACK + "exception: " + n + " voxels of object " + ids[i]
                + " are labelled with other objects");
          }
        }
      }
    }
    // 5. store metadata, then label the voxels.
    List<ChannelRamon.Entry> entries = new ArrayList<>();
    for (int i = 0; i < posted.size(); i++) {
      RamonObject o = ChannelRamon.withoutDerived(posted.get(i).withId(ids[i]))
          .withVoxels(Optional.empty());
      Map<Integer, BoundingBox> ext = update
          ? objs.entry(ids[i]).orElseThrow().extents() : Map.of();
      ChannelRamon.Entry e = new ChannelRamon.Entry(o, ext);
      if (where.get(i) != null) {
        e = e.withExtent(where.get(i));
      }
      entries.add(e);
    }
    objs.put(entries);
    for (int i = 0; i < posted.size(); i++) {
      BoundingBox b = where.get(i);
      if (b != null) {
        RamonVoxels v = levelVoxels(p, posted.get(i).voxels().get(), b.resolution());
        long id = ids[i];
        int r = b.resolution();
        voxels.modify(p.project(), p.channel().name(), r, p.dtype(), p.dataset().imageSize(r),
            p.dataset().cube(r), b, (chunk, cb) -> cb.intersect(b).isEmpty() ? 0
                : RamonLabels.label(chunk, cb, v, id, mode));
      }
    }
    StringBuilder s = new StringBuilder();
    for (long id : ids) {
      s.append(s.length() == 0 ? "" : ",").append(id);
    }
    return s.toString();
  }

  /**
   * The level box (offset subtracted) the object's voxels lie in; refuses voxels outside the
   * dataset and objects ndstore keeps no voxels for.
   */
  private BoundingBox placeVoxels(Place p, RamonObject o) throws Refusal {
    if (o instanceof Neuron || o instanceof Seed) {
      throw new Refusal(ROLLBACK + "Cannot write to annotation type " + o.type().serverName());
    }
    RamonVoxels v = o.voxels().get();
    int r = v.resolution();
    if (!p.dataset().hasLevel(r)) {
      throw new Refusal(ROLLBACK + "object " + o.id() + ": the dataset has no resolution"
          + " level " + r);
    }
    Optional<BoundingBox> e = RamonLabels.extent(v);
    if (e.isEmpty()) {
      return null;
    }
    BoundingBox b = shift(e.get(), p.dataset(), r, -1);
    BoundingBox lv = level(p.dataset(), r);
    if (!lv.contains(b)) {
      throw new Refusal(ROLLBACK + "the voxels of object " + o.id() + " (" + e.get()
          + ") reach outside the dataset at level " + r);
    }
    return b;
  }

  /** {@code v} moved into level coordinates (offset subtracted). */
  private static RamonVoxels levelVoxels(Place p, RamonVoxels v, int r) {
    long[] o = p.dataset().offset(r);
    if (v instanceof Cutout c) {
      return new Cutout(c.box().translate(-o[0], -o[1], -o[2]), c.data());
    }
    long[] xyz = ((VoxelList) v).xyz();
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] -= o[i % 3];
    }
    return new VoxelList(r, xyz);
  }

  // ---- DELETE

  Reply delete(Catalog.Resolved at, NdChannel ch, String rest) {
    Place p = new Place(at.project().name(), ch, at.dataset());
    if (ch.readonly() == 1) {
      return Django.notFound("Attempt to write to read only channel " + ch.name()
          + " in project. Web Args: " + at.project().name());
    }
    String first = rest.split("/", 2)[0];
    if (!IDS.matcher(first).matches()) {
      return Django.notFound("Delete did not specify a legal object identifier = " + first);
    }
    ChannelRamon objs = objects(p.project(), ch.name());
    synchronized (objs) {
      for (long id : parseIds(first)) {
        Optional<ChannelRamon.Entry> e = objs.entry(id);
        if (e.isPresent()) {
          relabel(p, e.get(), id, 0);
          objs.remove(id);
        }
      }
    }
    return Django.ok("Success");
  }

  /** Replaces {@code from} by {@code to} wherever the entry's voxels may lie, every level. */
  private void relabel(Place p, ChannelRamon.Entry e, long from, long to) {
    for (BoundingBox b : e.extents().values()) {
      relabelIn(p, b, from, to);
    }
  }

  private void relabelIn(Place p, BoundingBox b, long from, long to) {
    int r = b.resolution();
    voxels.modify(p.project(), p.channel().name(), r, p.dtype(), p.dataset().imageSize(r),
        p.dataset().cube(r), b, (chunk, cb) -> RamonLabels.relabel(chunk, from, to));
  }

  // ---- query

  Reply query(Catalog.Resolved at, NdChannel ch, String predicates) {
    List<String> args = new ArrayList<>(Arrays.asList(predicates.split("/")));
    args.removeIf(String::isEmpty);
    Integer limit = null;
    List<java.util.function.Predicate<RamonObject>> tests = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String field = args.get(i);
      String val = i + 1 < args.size() ? args.get(++i) : null;
      if (val == null) {
        break; // ndstore stops at a field without a value
      }
      switch (field) {
        case "limit" -> {
          if (!val.matches("^\\d+$")) {
            return Django.notFound("Limit needs an integer. Illegal value:" + val);
          }
          limit = Integer.parseInt(val);
        }
        case "type" -> tests.add(o -> String.valueOf(o.type().serverCode().orElse(1))
            .equals(val));
        case "status" -> tests.add(o -> String.valueOf(o.common().status().code()).equals(val));
        case "confidence" -> {
          String op = val;
          String bound = i + 1 < args.size() ? args.get(++i) : "";
          if (!op.equals("lt") && !op.equals("gt")) {
            return Django.notFound("Not a comparison operator: " + op);
          }
          if (!bound.matches("^[\\d.]+$")) {
            return Django.notFound("For field confidence. Illegal value:" + bound);
          }
          double v;
          try {
            v = Double.parseDouble(bound);
          } catch (NumberFormatException e) {
            return Django.notFound("For field confidence. Illegal value:" + bound);
          }
          tests.add(op.equals("lt") ? o -> o.common().confidence() < v
              : o -> o.common().confidence() > v);
        }
        default -> tests.add(o -> val.equals(o.common().keyValues().get(field)));
      }
    }
    ChannelRamon objs = objects(at.project().name(), ch.name());
    List<Long> out = new ArrayList<>();
    synchronized (objs) {
      for (ChannelRamon.Entry e : objs.entries()) {
        if (limit != null && out.size() >= limit) {
          break;
        }
        if (tests.stream().allMatch(t -> t.test(e.object()))) {
          out.add(e.object().id());
        }
      }
    }
    return hdf5(RamonHdf5.writeIds(out.stream().mapToLong(Long::longValue).toArray()));
  }

  // ---- merge

  Reply merge(Catalog.Resolved at, NdChannel ch, String ids, int resolution) {
    Place p = new Place(at.project().name(), ch, at.dataset());
    long[] all = parseIds(ids);
    if (all.length == 0) {
      return Django.notFound("Illegal globalMerber request. Wrong number of arguments.");
    }
    if (!at.dataset().hasLevel(resolution)) {
      return Django.notFound("Illegal scaling level " + resolution);
    }
    ChannelRamon objs = objects(p.project(), ch.name());
    synchronized (objs) {
      for (long id : all) {
        if (!objs.contains(id)) {
          return Django.notFound("Invalid object id used in merge");
        }
      }
      long into = all[0];
      ChannelRamon.Entry target = objs.entry(into).orElseThrow();
      Map<Integer, BoundingBox> ext = new TreeMap<>(target.extents());
      for (int i = 1; i < all.length; i++) {
        if (all[i] == into) {
          continue;
        }
        ChannelRamon.Entry e = objs.entry(all[i]).orElseThrow();
        BoundingBox b = e.extents().get(resolution);
        BoundingBox search = b != null ? b : level(p.dataset(), resolution);
        relabelIn(p, search, all[i], into);
        ext.merge(resolution, search, ChannelRamon::union);
        for (Map.Entry<Integer, BoundingBox> x : e.extents().entrySet()) {
          if (x.getKey() != resolution) {
            relabelIn(p, x.getValue(), all[i], 0);
          }
        }
        objs.remove(all[i]);
      }
      objs.put(List.of(new ChannelRamon.Entry(target.object(), ext)));
    }
    return Reply.of(200, "text/html", "Merge complete".getBytes(StandardCharsets.UTF_8));
  }

  private static long[] parseIds(String s) {
    return Arrays.stream(s.split(",")).filter(x -> !x.isEmpty())
        .mapToLong(x -> {
          try {
            return Long.parseLong(x);
          } catch (NumberFormatException e) {
            return -1;
          }
        }).toArray();
  }

  /** A refusal worded as ndstore words it: a 404 with the message. */
  private static final class Refusal extends Exception {
    Refusal(String message) {
      super(message);
    }
  }
}
