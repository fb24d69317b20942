package org.ndio.format.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ndio.CorruptDataException;
import org.ndio.InvalidUrlException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.codec.Expansion;
import org.ndio.format.LocalFile;
import org.ndio.format.RawArrayReader;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * {@code nifti:FILE}: a single-file NIfTI-1 image, {@code .nii} or {@code .nii.gz} (gzip is
 * recognised by its magic bytes when reading, by the {@code .gz} suffix when writing). NIfTI's
 * axes i, j, k are our x, y, z; i runs fastest on disk, so the data is our C order.
 *
 * <p>Reads 2D and 3D images (and 4D to 7D ones whose extra dimensions have size 1) of the ten
 * volume data types in either byte order. Scaled images ({@code scl_slope} non-zero and not
 * slope 1 with intercept 0) are read as the values they mean, {@code slope * stored + inter}:
 * float32 for stored 8- and 16-bit integers and float32, float64 otherwise. The voxel size is
 * {@code pixdim[1..3]} in the unit of {@code xyzt_units} ({@code unknown} where it is unset).
 *
 * <p>Writes little-endian, data at byte 352, no scaling, voxel size from the spec (1 where
 * absent) with millimeter and micrometer units as such and nanometers converted to
 * micrometers; qform and sform are both set (code 1) to the identity scaled by the voxel size.
 */
public final class NiftiFormat implements VolumeFormat {

  // NIfTI-1 stores dimension sizes as signed 16-bit integers.
  private static final int MAX_DIM = Short.MAX_VALUE;

  @Override
  public String scheme() {
    return "nifti";
  }

  @Override
  public String usage() {
    return "nifti:FILE         a NIfTI-1 image, FILE.nii or FILE.nii.gz (x, y, z = i, j, k)";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    requireNoFragment(url);
    requireSingleFile(url, LocalFile.path(url));
    Path path = LocalFile.existing(url);
    String label = url.toString();
    byte[] h = new byte[NiftiHeader.SIZE];
    int available;
    boolean gzip;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
      raw.mark(2);
      gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      available = in.readNBytes(h, 0, h.length);
    } catch (EOFException e) {
      throw new CorruptDataException(label + ": truncated gzip stream in the NIfTI header ("
          + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new CorruptDataException(label + ": damaged gzip data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StorageException(label + ": cannot read " + path + ": " + e.getMessage(), e);
    }
    NiftiHeader header = NiftiHeader.parse(h, available, label);
    DataType stored = header.dtype();
    long sx = header.sizeX();
    long sy = header.sizeY();
    long sz = header.sizeZ();
    long dataBytes = sx * sy * sz * stored.bytes();
    if (gzip) {
      Expansion.require(header.voxOffset() + dataBytes, LocalFile.size(path, url),
          Expansion.DEFLATE, label + ": gzip-compressed NIfTI file");
    } else {
      long length = LocalFile.size(path, url);
      if (header.voxOffset() + dataBytes > length) {
        throw new CorruptDataException(label + ": data is truncated: the header declares "
            + dataBytes + " bytes of data from byte " + header.voxOffset() + ", "
            + Math.max(0, length - header.voxOffset()) + " present");
      }
    }
    RawArrayReader.Layout layout = new RawArrayReader.Layout(stored, header.order(), false, sx,
        sy, sz, header.voxOffset());
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("nifti_datatype", header.datatype());
    attributes.put("stored_dtype", stored.numpyName());
    attributes.put("qform_code", header.qformCode());
    attributes.put("sform_code", header.sformCode());
    attributes.put("xyzt_units", header.xyztUnits());
    attributes.put("descrip", header.descrip());
    BoundingBox extent = BoundingBox.ofShape(sx, sy, sz);
    // A gzip stream is inflated from its start on every read: whole-volume reads cost least.
    Size3 chunks = gzip ? new Size3(sx, sy, sz) : new Size3(sx, sy, 1);
    String compressor = gzip ? "gzip" : "none";
    VoxelSize voxel = header.voxelSize().orElse(null);
    RawArrayReader.Source source;
    try {
      source = gzip ? RawArrayReader.Source.gzip(path) : RawArrayReader.Source.file(path);
    } catch (IOException e) {
      throw new StorageException(label + ": cannot open " + path + ": " + e.getMessage(), e);
    }
    if (!header.scaled()) {
      VolumeInfo info = new VolumeInfo(stored, extent, chunks, Optional.empty(),
          compressor, attributes).withVoxelSize(voxel);
      return new RawArrayReader(label, layout, source, info);
    }
    attributes.put("scl_slope", header.sclSlope());
    attributes.put("scl_inter", header.intercept());
    VolumeInfo storedInfo = new VolumeInfo(stored, extent, chunks, Optional.empty(),
        compressor, attributes).withVoxelSize(voxel);
    DataType scaled = switch (stored) {
      case UINT8, INT8, UINT16, INT16, FLOAT32 -> DataType.FLOAT32;
      default -> DataType.FLOAT64;
    };
    VolumeInfo info = new VolumeInfo(scaled, extent, chunks, storedInfo.voxelSize(),
        compressor, attributes);
    return new ScaledReader(new RawArrayReader(label, layout, source, storedInfo), info,
        header.sclSlope(), header.intercept());
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    requireNoFragment(url);
    Path path = LocalFile.path(url);
    requireSingleFile(url, path);
    String name = path.getFileName() == null ? ""
        : path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gzip = name.endsWith(".nii.gz");
    if (!gzip && !name.endsWith(".nii")) {
      throw new InvalidUrlException(url + ": a NIfTI file name must end in .nii or .nii.gz"
          + " (the suffix decides whether it is gzip-compressed)");
    }
    String c = spec.compressor().orElse(gzip ? "gzip" : "none").trim().toLowerCase(Locale.ROOT);
    boolean wantsGzip = c.equals("gzip") || c.equals("zlib") || c.equals("deflate");
    boolean wantsNone = c.equals("none") || c.equals("raw");
    if (!(gzip ? wantsGzip : wantsNone)) {
      throw new UnsupportedFeatureException(url + ": NIfTI compression follows the file name"
          + " (.nii is uncompressed, .nii.gz gzip); compressor '" + c + "' does not fit it");
    }
    Size3 s = spec.shape();
    if (s.x() > MAX_DIM || s.y() > MAX_DIM || s.z() > MAX_DIM) {
      throw new UnsupportedFeatureException(url + ": NIfTI-1 holds at most " + MAX_DIM
          + " voxels per axis; the volume is " + s.x() + "x" + s.y() + "x" + s.z());
    }
    double[] voxel = {1, 1, 1};
    int unit = NiftiUnits.UNKNOWN;
    if (spec.voxelSize().isPresent()) {
      VoxelSize v = spec.voxelSize().get();
      NiftiUnits.Target t = NiftiUnits.forUnit(v.unit(), url.toString());
      voxel = new double[] {v.x() * t.factor(), v.y() * t.factor(), v.z() * t.factor()};
      unit = t.code();
    }
    if (Files.isDirectory(path)) {
      throw new InvalidUrlException(url + ": " + path + " is a directory, not a file name");
    }
    return new NiftiWriter(path, spec, mode, gzip, voxel, unit);
  }

  private static void requireNoFragment(VolumeUrl url) {
    if (url.hasFragment()) {
      throw new InvalidUrlException(url + ": a NIfTI file holds one image, so the URL takes no"
          + " #" + url.fragment());
    }
  }

  private static void requireSingleFile(VolumeUrl url, Path path) {
    String name = path.getFileName() == null ? ""
        : path.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String suffix : new String[] {".hdr", ".img", ".hdr.gz", ".img.gz"}) {
      if (name.endsWith(suffix)) {
        throw new UnsupportedFeatureException(url + ": NIfTI/ANALYZE .hdr/.img pairs are not"
            + " supported; ndio reads and writes single-file NIfTI-1 (.nii, .nii.gz) only"
            + " (nibabel can convert: nib.save(nib.load('x.hdr'), 'x.nii'))");
      }
    }
  }
}
