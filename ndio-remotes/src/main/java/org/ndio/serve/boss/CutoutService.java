package org.ndio.serve.boss;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DeflaterOutputStream;
import org.ndio.CorruptDataException;
import org.ndio.codec.Blosc;
import org.ndio.codec.BloscFrameInfo;
import org.ndio.format.npy.NpyHeader;
import org.ndio.serve.Call;
import org.ndio.serve.Reply;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * {@code /v1/cutout/C/E/CH/RES/X0:X1/Y0:Y1/Z0:Z1/[T0:T1/]}. GET answers a c-blosc frame of the
 * C-order little-endian array, compressed with the element size in bits as typesize as the
 * service does ({@code application/blosc}, the default), or zlib-compressed {@code .npy}
 * bytes ({@code application/npygz}); {@code ?filter=ID,ID} keeps only those ids (annotation
 * channels). POST takes a c-blosc frame of any typesize ({@code Content-Type:
 * application/blosc}), sets the non-zero voxels of its box, and answers 201 with an empty
 * body. Requests over the size limit (voxel bytes, a quarter for uint64) answer 413, code 2000.
 *
 * <p>Resolution levels other than 0 are computed from level 0 on each GET (block mean for
 * images, mode for annotations, see {@link Downsample}); POSTs to them are refused (1006), since
 * this server keeps level 0 only.
 */
final class CutoutService {

  private final ResourceStore store;
  private final VoxelStore voxels;
  private final BossServerConfig config;

  CutoutService(ResourceStore store, VoxelStore voxels, BossServerConfig config) {
    this.store = store;
    this.voxels = voxels;
    this.config = config;
  }

  /** The path's parts: c, e, ch, res, x, y, z and the time range or null. */
  Reply handle(Call call, List<String> p, boolean anonymous) {
    if (call.method().equals("GET")) {
      return get(call, p, anonymous);
    }
    return post(call, p, anonymous);
  }

  private record Parsed(ChannelRequest request, BoundingBox box, DataType dtype) {}

  private Parsed parse(List<String> p, boolean anonymous, boolean read, String filter) {
    ChannelRequest r = ChannelRequest.resolve(store, p.get(0), p.get(1), p.get(2), anonymous,
        read);
    if (filter != null && !r.isAnnotation()) {
      r.requireAnnotation("Filter is only valid for annotation channels");
    }
    r.time(p.get(7));
    BoundingBox box = r.cutoutBox(p.get(3), p.get(4), p.get(5), p.get(6));
    DataType t = r.dtype();
    long bytes = box.voxels() * t.bytes();
    if (t == DataType.UINT64) {
      bytes /= 4; // as the service: annotations compress so well that it allows larger posts
    }
    if (bytes > config.maxCutoutBytes()) {
      throw new BossError(ErrorCode.REQUEST_TOO_LARGE,
          "Cutout request is over 500MB when uncompressed. Reduce cutout dimensions.");
    }
    return new Parsed(r, box, t);
  }

  private ChannelVoxels voxels(Parsed q) {
    ChannelRequest r = q.request();
    return voxels.get(r.collection(), r.experiment(), r.channel(), q.dtype(), r.frame(),
        r.isotropic());
  }

  private Reply get(Call call, List<String> p, boolean anonymous) {
    String filter = call.param("filter").orElse(null);
    Parsed q = parse(p, anonymous, true, filter);
    String accept = negotiate(call.header("Accept").orElse("*/*"));
    Set<Long> keep = filter == null ? null : ids(filter);
    Volume v = voxels(q).read(q.box());
    if (keep != null) {
      keepOnly(v, keep);
    }
    byte[] raw = v.array();
    if (accept.equals("application/npygz")) {
      return Reply.of(200, accept, npygz(v.dtype(), q.box(), raw));
    }
    byte[] frame = config.responseCodec().encode(raw, 8 * v.dtype().bytes());
    return Reply.of(200, "application/blosc", frame);
  }

  /** The renderer DRF would pick; blosc for {@code *}{@code /*} or no header. */
  static String negotiate(String accept) {
    for (String part : accept.split(",")) {
      String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
      switch (type) {
        case "application/blosc", "*/*", "application/*", "" -> {
          return "application/blosc";
        }
        case "application/npygz" -> {
          return "application/npygz";
        }
        default -> {
          // not one this server renders: try the next
        }
      }
    }
    throw new DrfError(406, "Could not satisfy the request Accept header.");
  }

  private static Set<Long> ids(String filter) {
    Set<Long> out = new TreeSet<>();
    for (String s : filter.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      try {
        out.add(Long.parseUnsignedLong(s.trim()));
      } catch (NumberFormatException e) {
        throw new BossError(ErrorCode.INVALID_CUTOUT_ARGS, "Invalid id in list of filter ids "
            + filter + ". invalid literal for int() with base 10: '" + s + "'");
      }
    }
    return out;
  }

  private static void keepOnly(Volume v, Set<Long> keep) {
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (!keep.contains(v.getLong(x, y, z))) {
            v.setLong(x, y, z, 0);
          }
        }
      }
    }
  }

  private static byte[] npygz(DataType t, BoundingBox box, byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(NpyHeader.encode(t, List.of(box.sizeZ(), box.sizeY(), box.sizeX())));
      z.write(raw);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private Reply post(Call call, List<String> p, boolean anonymous) {
    String type = call.header("Content-Type").orElse("");
    String media = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/blosc")) {
      throw new DrfError(415, "Unsupported media type \"" + type + "\" in request.");
    }
    Parsed q = parse(p, anonymous, false, null);
    byte[] raw = decompress(call.body(), q);
    if (q.box().resolution() != 0) {
      throw new BossError(ErrorCode.BAD_REQUEST, "This server keeps resolution 0 only (lower"
          + " levels are computed from it); resolution " + q.box().resolution()
          + " cannot be written");
    }
    voxels(q).overwriteNonZero(q.box(), raw);
    return Reply.of(201, "text/html; charset=utf-8", new byte[0]);
  }

  /**
   * The posted frame's bytes, checked as the service's parser checks them: a frame that does
   * not decode, or whose size is not whole elements, is 2001; a size that is not the box's is
   * 2002. Sizes are checked before anything is allocated.
   */
  private static byte[] decompress(byte[] body, Parsed q) {
    long expected = q.box().voxels() * q.dtype().bytes();
    BloscFrameInfo f;
    try {
      f = Blosc.frameInfo(body);
    } catch (CorruptDataException e) {
      throw decompressFailed();
    }
    if (f.nbytes() % q.dtype().bytes() != 0) {
      throw decompressFailed();
    }
    if (f.nbytes() != expected) {
      throw new BossError(ErrorCode.DATA_DIMENSION_MISMATCH, "Failed to unpack data. Verify the"
          + " datatype of your POSTed data and xyz dimensions used in the POST URL.");
    }
    byte[] raw = new byte[(int) expected];
    try {
      Blosc.decodeInto(body, raw, 0);
    } catch (CorruptDataException | org.ndio.UnsupportedFeatureException e) {
      throw decompressFailed();
    }
    return raw;
  }

  private static BossError decompressFailed() {
    return new BossError(ErrorCode.DATATYPE_DOES_NOT_MATCH, "Failed to decompress data. Verify"
        + " the datatype/bitdepth of your data matches the channel.");
  }
}
