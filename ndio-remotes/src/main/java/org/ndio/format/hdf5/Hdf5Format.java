package org.ndio.format.hdf5;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ndio.UnsupportedFeatureException;
import org.ndio.format.LocalFile;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;

/**
 * {@code hdf5:FILE[#/path/to/dataset]}: a 2D {@code (y, x)} or 3D {@code (z, y, x)} dataset of
 * an HDF5 file, read with jhdf. Without a path, reading takes the file's only dataset and
 * writing uses {@code /data}. Writing makes a new file holding that one dataset (neither writer
 * adds to an existing file): contiguous, unfiltered datasets (the default) with ndio's own
 * {@link ContiguousHdf5Writer}, which streams the voxels to disk; chunked or filtered ones with
 * jhdf's writer, which gathers the whole volume in memory. With {@link WriteMode#OVERWRITE}
 * it refuses to replace a file that holds other datasets, which would be lost. Chunks and
 * {@code gzip[:LEVEL]} / {@code shuffle+gzip[:LEVEL]} compression as the spec asks (chunks
 * default to 64 on each axis when only a compressor is given); contiguous and uncompressed
 * otherwise.
 */
public final class Hdf5Format implements VolumeFormat {

  static final String DEFAULT_PATH = "/data";
  private static final long DEFAULT_CHUNK = 64;

  @Override
  public String scheme() {
    return "hdf5";
  }

  @Override
  public String usage() {
    return "hdf5:FILE.h5[#/path/to/dataset]  a 2D (y, x) or 3D (z, y, x) HDF5 dataset"
        + " (written to /data when no path is given)";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    return Hdf5Reader.open(url);
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    Path target = LocalFile.path(url);
    String path = Hdf5Tree.normalise(url.fragment(), url.toString());
    if (path.equals("/")) {
      path = DEFAULT_PATH;
    }
    String where = "hdf5:" + url.location() + "#" + path;
    Hdf5Compression compression = Hdf5Compression.parse(spec.compressor().orElse(null), where);
    Size3 chunks = chunks(spec, compression);
    if (mode == WriteMode.OVERWRITE && Files.isRegularFile(target)) {
      refuseToLoseData(target, path, where);
    }
    if (chunks == null) {
      Map<String, Object> attributes = Hdf5Attributes.values(spec.attributes(),
          spec.voxelSize());
      if (ContiguousHdf5Writer.canWrite(attributes)) {
        return new ContiguousHdf5Writer(where, target, spec, mode, path, attributes);
      }
    }
    return new Hdf5Writer(where, target, spec, mode, path, chunks, compression);
  }

  private static Size3 chunks(VolumeSpec spec, Hdf5Compression compression) {
    Size3 s = spec.shape();
    if (spec.chunks().isEmpty() && !compression.filtered()) {
      return null;
    }
    Size3 c = spec.chunks().orElse(new Size3(DEFAULT_CHUNK, DEFAULT_CHUNK, DEFAULT_CHUNK));
    // HDF5 allows no chunk larger than a fixed-size dataset.
    return new Size3(Math.min(c.x(), s.x()), Math.min(c.y(), s.y()), Math.min(c.z(), s.z()));
  }

  private static void refuseToLoseData(Path target, String path, String where) {
    List<String> others;
    try (HdfFile existing = new HdfFile(target)) {
      others = Hdf5Tree.datasets(existing).stream().filter(p -> !p.equals(path)).toList();
    } catch (RuntimeException e) {
      return; // not a readable HDF5 file: nothing in it can be kept anyway
    }
    if (!others.isEmpty()) {
      throw new UnsupportedFeatureException(
          where + ": " + target + " also holds " + Hdf5Tree.list(others) + "; ndio writes"
              + " whole HDF5 files (it cannot add to an existing one), so overwriting would"
              + " delete them; write to a new file instead");
    }
  }
}
