package org.ndio.ramon.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.ndio.NdioException;
import org.ndio.RamonException;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * ndio's extension carrying voxels in RAMON JSON (ndstore's JSON holds metadata only), under
 * the key {@value RamonJson#VOXELS_KEY}: a cutout as {@code {"resolution", "offset": [x, y, z],
 * "shape": [z, y, x], "dtype", "data": base64 of the little-endian C-order bytes}}, a voxel list
 * as {@code {"resolution", "voxels": [[x, y, z], ...]}}.
 */
final class JsonVoxels {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonVoxels() {}

  static ObjectNode write(RamonVoxels v) {
    ObjectNode o = F.objectNode();
    o.put("resolution", v.resolution());
    if (v instanceof Cutout c) {
      o.set("offset", F.arrayNode().add(c.box().x0()).add(c.box().y0()).add(c.box().z0()));
      Volume d = c.data();
      o.set("shape", F.arrayNode().add(d.sizeZ()).add(d.sizeY()).add(d.sizeX()));
      o.put("dtype", d.dtype().numpyName());
      o.put("data", Base64.getEncoder().encodeToString(d.array()));
    } else if (v instanceof VoxelList l) {
      ArrayNode rows = F.arrayNode();
      long[] xyz = l.xyz();
      for (int i = 0; i < xyz.length; i += 3) {
        rows.add(F.arrayNode().add(xyz[i]).add(xyz[i + 1]).add(xyz[i + 2]));
      }
      o.set("voxels", rows);
    }
    return o;
  }

  static RamonVoxels read(JsonNode v, String at) {
    if (!v.isObject()) {
      throw new RamonException(at + " holds " + JsonValues.shown(v) + "; expected an object");
    }
    JsonNode r = v.get("resolution");
    int res = r == null ? 0 : JsonValues.code(r, at + ".resolution");
    try {
      if (v.has("voxels")) {
        JsonNode rows = v.get("voxels");
        if (!rows.isArray()) {
          throw new RamonException(at + ".voxels is not an array of [x, y, z] rows");
        }
        long[] xyz = new long[rows.size() * 3];
        int i = 0;
        for (JsonNode row : rows) {
          if (!row.isArray() || row.size() != 3) {
            throw new RamonException(at + ".voxels holds " + JsonValues.shown(row)
                + "; expected [x, y, z]");
          }
          for (JsonNode c : row) {
            xyz[i++] = JsonValues.integer(c, at + ".voxels");
          }
        }
        return new VoxelList(res, xyz);
      }
      for (String k : new String[] {"offset", "shape", "dtype", "data"}) {
        if (!v.has(k)) {
          throw new RamonException(at + " has no '" + k + "' (a cutout needs offset, shape,"
              + " dtype and data; a voxel list needs voxels)");
        }
      }
      long[] off = triple(v.get("offset"), at + ".offset");
      long[] shape = triple(v.get("shape"), at + ".shape");
      DataType dtype = DataType.fromName(JsonValues.text(v.get("dtype"), at + ".dtype"));
      if (dtype.isFloat()) {
        throw new RamonException(at + ".dtype is " + dtype.numpyName()
            + "; cutouts hold integers");
      }
      byte[] data;
      try {
        data = Base64.getDecoder().decode(JsonValues.text(v.get("data"), at + ".data"));
      } catch (IllegalArgumentException e) {
        throw new RamonException(at + ".data is not base64: " + e.getMessage(), e);
      }
      long expected = Volume.byteSize(dtype, shape[2], shape[1], shape[0]);
      if (data.length != expected) {
        throw new RamonException(at + ".data holds " + data.length + " bytes; shape "
            + shape[0] + "x" + shape[1] + "x" + shape[2] + " of " + dtype.numpyName()
            + " needs " + expected);
      }
      Volume vol = Volume.wrap(dtype, (int) shape[2], (int) shape[1], (int) shape[0], data);
      BoundingBox box = BoundingBox.at(off[0], off[1], off[2], shape[2], shape[1], shape[0])
          .atResolution(res);
      return new Cutout(box, vol);
    } catch (RamonException e) {
      throw e;
    } catch (NdioException e) {
      throw new RamonException(at + ": " + e.getMessage(), e);
    }
  }

  private static long[] triple(JsonNode v, String at) {
    if (!v.isArray() || v.size() != 3) {
      throw new RamonException(at + " holds " + JsonValues.shown(v) + "; expected 3 integers");
    }
    long[] out = new long[3];
    for (int i = 0; i < 3; i++) {
      out[i] = JsonValues.integer(v.get(i), at);
      if (out[i] < 0) {
        throw new RamonException(at + " holds " + out[i] + "; expected 0 or more");
      }
    }
    return out;
  }
}
