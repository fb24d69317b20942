package org.ndio.serve.neurodata;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ndio.NdioException;
import org.ndio.format.hdf5.Hdf5Bytes;
import org.ndio.format.npy.NpyHeader;
import org.ndio.remote.neurodata.NpzBody;
import org.ndio.serve.Reply;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * ndstore's cutout services on one channel: {@code npz}, {@code hdf5} and {@code raw} GETs,
 * {@code npz} and {@code hdf5} POSTs, {@code id} (label at a voxel) and {@code ids} (labels in
 * a region), with ndstore's bodies, content types and error messages. Time ranges other than
 * the channel's own and {@code neariso} cutouts are not served.
 */
final class CutoutService {

  private final ChannelVoxels voxels;
  private final int zlibLevel;

  CutoutService(ChannelVoxels voxels, int zlibLevel) {
    this.voxels = voxels;
    this.zlibLevel = zlibLevel;
  }

  Reply get(Catalog.Resolved at, NdChannel ch, String service, String args, String webargs) {
    NdDataset d = at.dataset();
    DataType t = DataType.fromName(ch.datatype());
    String project = at.project().name();
    try {
      if (service.equals("id")) {
        long[] p = CutoutArgs.voxel(args, d);
        Volume v = voxels.read(project, ch.name(), (int) p[0], t,
            new BoundingBox(p[1], p[1] + 1, p[2], p[2] + 1, p[3], p[3] + 1));
        return Django.ok(t.isFloat() ? PyJson.repr(v.getDouble(0, 0, 0))
            : t == DataType.UINT64 ? Long.toUnsignedString(v.getLong(0, 0, 0))
            : String.valueOf(v.getLong(0, 0, 0)));
      }
      CutoutArgs c;
      try {
        c = CutoutArgs.parse(args, d);
      } catch (CutoutArgs.Invalid e) {
        if (service.equals("ids")) {
          return Django.notFound("REST Arguments " + args + " failed: "
              + Django.repr(e.getMessage()));
        }
        return Django.notFound(e.getMessage());
      }
      if (c.time() != null && (c.time()[0] != ch.startTime() || c.time()[1] != ch.endTime())) {
        return Django.notFound("Illegal time range " + c.time()[0] + "," + c.time()[1]
            + ": channel " + ch.name() + " holds " + ch.startTime() + "," + ch.endTime());
      }
      Volume v = voxels.read(project, ch.name(), c.resolution(), t, c.box());
      String fname = webargs.replace(',', '_').replace('/', '-');
      return switch (service) {
        case "npz" -> Django.ok("product/npz", npz(v, c.time() != null), Map.of());
        case "raw" -> Django.ok("product/raw", v.array(), Map.of("Content-Disposition",
            "attachment; filename=" + fname + "ndcutout.raw"));
        case "hdf5" -> Django.ok("product/hdf5", Hdf5Bytes.write(Map.of(
            "/" + ch.name() + "/CUTOUT", v, "/" + ch.name() + "/CHANNELTYPE",
            ch.channelType(), "/" + ch.name() + "/DATATYPE", ch.datatype()), 6, webargs),
            Map.of("Content-Disposition", "attachment; filename=" + fname + "ndcutout.h5"));
        case "ids" -> Django.ok(idList(v));
        default -> Django.notFound("An illegal Web GET service was requested " + service
            + ". Args " + webargs);
      };
    } catch (CutoutArgs.Invalid e) {
      return Django.notFound(e.getMessage());
    }
  }

  private byte[] npz(Volume v, boolean timeAxis) {
    // With a time range ndstore keeps the time axis: (channels, t, z, y, x).
    return timeAxis ? NpzBody.encode(v, List.of(1L, 1L, (long) v.sizeZ(), (long) v.sizeY(),
        (long) v.sizeX()), zlibLevel) : NpzBody.encode(v, zlibLevel);
  }

  /**
   * ndstore's list: {@code repr} of each distinct value joined by {@code ", "}, then leading
   * {@code 0} and {@code ,} characters and trailing {@code ", "} stripped (which drops the 0
   * label and leaves a leading space when it was there).
   */
  static String idList(Volume v) {
    TreeSet<Long> ids = new TreeSet<>(Long::compareUnsigned);
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          ids.add(v.getLong(x, y, z));
        }
      }
    }
    StringBuilder b = new StringBuilder();
    for (long id : ids) {
      b.append(v.dtype().isSigned() ? String.valueOf(id) : Long.toUnsignedString(id))
          .append(", ");
    }
    String s = b.toString();
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '0' || s.charAt(i) == ',')) {
      i++;
    }
    s = s.substring(i);
    int j = s.length();
    while (j > 0 && (s.charAt(j - 1) == ',' || s.charAt(j - 1) == ' ')) {
      j--;
    }
    return s.substring(0, j);
  }

  Reply post(Catalog.Resolved at, NdChannel ch, String service, String args, byte[] body) {
    NdDataset d = at.dataset();
    CutoutArgs c;
    try {
      c = CutoutArgs.parse(args, d);
    } catch (CutoutArgs.Invalid e) {
      return Django.notFound(Django.repr(e.getMessage()));
    }
    if (!service.equals("npz") && !service.equals("hdf5")) {
      return Django.notFound("POST transaction rollback. " + Django.repr(
          "An illegal Web POST service was requested: " + service + ". Args " + args));
    }
    String where = "POST " + service + " body";
    Volume v;
    try {
      v = service.equals("npz") ? npzVolume(body, ch, c, where) : hdf5Volume(body, ch, c, where);
    } catch (Refused e) {
      return Django.notFound("POST transaction rollback. " + Django.repr(e.getMessage()));
    } catch (NdioException e) {
      return Django.notFound("POST transaction rollback. " + e.getMessage());
    }
    if (ch.readonly() == 1) {
      return Django.notFound("POST transaction rollback. " + Django.repr("Attempt to write to"
          + " read only channel " + ch.name() + " in project. Web Args: "
          + at.project().name()));
    }
    long[] size = d.imageSize(c.resolution());
    voxels.write(at.project().name(), ch.name(), c.resolution(), size, d.cube(c.resolution()),
        c.box().x0(), c.box().y0(), c.box().z0(), v, true);
    return Django.ok("Success");
  }

  /** A refusal worded as ndstore's code raises it (the message gets repr-quoted). */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private Volume npzVolume(byte[] body, NdChannel ch, CutoutArgs c, String where)
      throws Refused {
    NpzBody.Decoded a = NpzBody.decode(body, where);
    List<Long> s = a.shape();
    if (s.isEmpty() || s.get(0) != 1) {
      throw new Refused("The data has some missing channels");
    }
    checkDims(s.subList(1, s.size()), c);
    NpyHeader h = a.header();
    DataType t = DataType.fromName(ch.datatype());
    if (h.dtype() != t || t.bytes() > 1 && h.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new Refused("Wrong datatype in POST");
    }
    List<Long> flat = List.of(1L, s.get(s.size() - 3), s.get(s.size() - 2),
        s.get(s.size() - 1));
    return new NpzBody.Decoded(new NpyHeader(h.major(), h.minor(), h.descr(), h.dtype(),
        h.order(), h.fortranOrder(), flat, h.dataOffset()), a.data()).volume(where);
  }

  private Volume hdf5Volume(byte[] body, NdChannel ch, CutoutArgs c, String where)
      throws Refused {
    try (Hdf5Bytes h = Hdf5Bytes.open(body, where)) {
      String g = "/" + ch.name();
      if (!h.has(g + "/CUTOUT") || !h.has(g + "/DATATYPE") || !h.has(g + "/CHANNELTYPE")) {
        throw new Refused("the HDF5 file has no group " + ch.name() + " holding CUTOUT,"
            + " DATATYPE and CHANNELTYPE");
      }
      Volume v = h.volume(g + "/CUTOUT");
      String declared = h.string(g + "/DATATYPE");
      if (v.dtype() != DataType.fromName(ch.datatype())) {
        throw new Refused("Channel datatype " + declared + " in the HDF5 file does not match"
            + " with the " + ch.datatype() + " in the database.");
      }
      long[] want = {c.box().sizeX(), c.box().sizeY(), c.box().sizeZ()};
      if (v.sizeX() != want[0] || v.sizeY() != want[1] || v.sizeZ() != want[2]) {
        throw new Refused("The data has mismatched dimensions (" + v.sizeZ() + ", "
            + v.sizeY() + ", " + v.sizeX() + ") compared to the arguments " + dims(c));
      }
      return v;
    }
  }

  private static void checkDims(List<Long> zyx, CutoutArgs c) throws Refused {
    int n = zyx.size();
    boolean ok = (n == 3 || n == 4 && zyx.get(0) == 1) && zyx.get(n - 1) == c.box().sizeX()
        && zyx.get(n - 2) == c.box().sizeY() && zyx.get(n - 3) == c.box().sizeZ();
    if (!ok) {
      throw new Refused("The data has mismatched dimensions " + NpyHeader.shapeText(zyx)
          + " compared to the arguments " + dims(c));
    }
  }

  private static String dims(CutoutArgs c) {
    return "[" + c.box().sizeX() + ", " + c.box().sizeY() + ", " + c.box().sizeZ() + "]";
  }
}
