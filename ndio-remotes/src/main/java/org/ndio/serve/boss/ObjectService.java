package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.ndio.serve.Call;
import org.ndio.serve.Reply;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * The object services of annotation channels: {@code /v1/reserve/C/E/CH/N/} ({@code
 * {"start_id": S, "count": "N"}}, ids from 1 per channel, never handed out twice), {@code
 * /v1/ids/C/E/CH/RES/X/Y/Z/} ({@code {"ids": ["1", "4"]}}, the distinct non-zero ids as strings,
 * ascending) and {@code /v1/boundingbox/C/E/CH/RES/ID/?type=loose|tight} ({@code x_range},
 * {@code y_range}, {@code z_range}, {@code t_range} as {@code [start, stop]}: loose is whole
 * cuboids, tight the exact extent; 404 code 4004 for an id with no voxels). Ids and boxes are
 * computed by scanning the stored cuboids (the service keeps an index instead).
 */
final class ObjectService {

  private final ResourceStore store;
  private final VoxelStore voxels;
  private final Object lock;

  ObjectService(ResourceStore store, VoxelStore voxels, Object lock) {
    this.store = store;
    this.voxels = voxels;
    this.lock = lock;
  }

  private ChannelVoxels voxels(ChannelRequest r) {
    return voxels.get(r.collection(), r.experiment(), r.channel(), r.dtype(), r.frame(),
        r.isotropic());
  }

  Reply reserve(List<String> p, boolean anonymous) {
    ChannelRequest r = ChannelRequest.resolve(store, p.get(0), p.get(1), p.get(2), anonymous,
        false);
    r.requireAnnotation("Can only reserve IDs for annotation channels");
    long n;
    try {
      n = Long.parseLong(p.get(3));
    } catch (NumberFormatException e) {
      throw new BossError(ErrorCode.TYPE_ERROR, "Type error in the reserve id view. "
          + e.getMessage());
    }
    long start;
    synchronized (lock) {
      var dir = store.dir(p.get(0), p.get(1), p.get(2));
      start = store.nextId(dir);
      store.setNextId(dir, start + n);
    }
    ObjectNode out = Answers.JSON.createObjectNode().put("start_id", start)
        .put("count", p.get(3));
    return Answers.json(200, out);
  }

  Reply ids(List<String> p, boolean anonymous) {
    ChannelRequest r = ChannelRequest.resolve(store, p.get(0), p.get(1), p.get(2), anonymous,
        true);
    r.requireAnnotation("Can only reserve IDs for annotation channels");
    r.time(p.get(7));
    BoundingBox box = r.cutoutBox(p.get(3), p.get(4), p.get(5), p.get(6));
    ChannelVoxels v = voxels(r);
    TreeSet<Long> found = new TreeSet<>(Long::compareUnsigned);
    for (long[] g : v.occupiedCuboids(box.resolution())) {
      Optional<BoundingBox> part = v.cuboidBox(g, box.resolution()).flatMap(box::intersect);
      if (part.isEmpty()) {
        continue;
      }
      Volume data = v.read(part.get());
      for (int z = 0; z < data.sizeZ(); z++) {
        for (int y = 0; y < data.sizeY(); y++) {
          for (int x = 0; x < data.sizeX(); x++) {
            long id = data.getLong(x, y, z);
            if (id != 0) {
              found.add(id);
            }
          }
        }
      }
    }
    ObjectNode out = Answers.JSON.createObjectNode();
    ArrayNode a = out.putArray("ids");
    found.forEach(id -> a.add(Long.toUnsignedString(id)));
    return Answers.json(200, out);
  }

  Reply boundingBox(Call call, List<String> p, boolean anonymous) {
    String type = call.param("type").orElse("loose");
    if (!type.equals("loose") && !type.equals("tight")) {
      throw new BossError(ErrorCode.INVALID_ARGUMENT, "Invalid option for bounding box type "
          + type + ". The valid options are : loose or tight");
    }
    ChannelRequest r = ChannelRequest.resolve(store, p.get(0), p.get(1), p.get(2), anonymous,
        true);
    r.requireAnnotation("Can only perform bounding box operations on annotation channels");
    int level = r.resolution(p.get(3));
    long id;
    try {
      id = Long.parseUnsignedLong(p.get(4));
    } catch (NumberFormatException e) {
      throw notFound(p.get(4)); // no uint64 label can be this large
    }
    ChannelVoxels v = voxels(r);
    long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    long[] cmin = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] cmax = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    for (long[] g : v.occupiedCuboids(level)) {
      Optional<BoundingBox> cb = v.cuboidBox(g, level);
      if (cb.isEmpty() || !scan(v.read(cb.get()), cb.get(), id, min, max)) {
        continue;
      }
      for (int a = 0; a < 3; a++) {
        cmin[a] = Math.min(cmin[a], g[a]);
        cmax[a] = Math.max(cmax[a], g[a]);
      }
    }
    if (min[0] == Long.MAX_VALUE) {
      throw notFound(p.get(4));
    }
    long[] dims = {ChannelVoxels.CUBOID.x(), ChannelVoxels.CUBOID.y(), ChannelVoxels.CUBOID.z()};
    ObjectNode out = Answers.JSON.createObjectNode();
    String[] names = {"x_range", "y_range", "z_range"};
    for (int a = 0; a < 3; a++) {
      ArrayNode range = out.putArray(names[a]);
      if (type.equals("tight")) {
        range.add(min[a]).add(max[a] + 1);
      } else {
        range.add(cmin[a] * dims[a]).add((cmax[a] + 1) * dims[a]);
      }
    }
    out.putArray("t_range").add(0).add(1);
    return Answers.json(200, out);
  }

  private static BossError notFound(String id) {
    return new BossError(ErrorCode.OBJECT_NOT_FOUND, "The id does not exist. " + id);
  }

  /** Widens min/max by the voxels of {@code data} (at {@code box}) equal to {@code id}. */
  private static boolean scan(Volume data, BoundingBox box, long id, long[] min, long[] max) {
    boolean any = false;
    for (int z = 0; z < data.sizeZ(); z++) {
      for (int y = 0; y < data.sizeY(); y++) {
        for (int x = 0; x < data.sizeX(); x++) {
          if (data.getLong(x, y, z) == id) {
            any = true;
            long[] at = {box.x0() + x, box.y0() + y, box.z0() + z};
            for (int a = 0; a < 3; a++) {
              min[a] = Math.min(min[a], at[a]);
              max[a] = Math.max(max[a], at[a]);
            }
          }
        }
      }
    }
    return any;
  }
}
