package org.ndio.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.List;
import org.ndio.NdioException;
import org.ndio.format.WholeFileWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes a new HDF5 file holding one 3D {@code (z, y, x)} dataset with jhdf's writer, at the
 * URL's path (intermediate groups created). Unsigned types are written as HDF5 unsigned
 * integers, so h5py reads them back with their own dtype. Used for chunked and filtered
 * datasets (and for attributes too large for {@link ContiguousHdf5Writer}); it gathers the whole
 * volume in memory first.
 */
final class Hdf5Writer extends WholeFileWriter {

  private final String where;
  private final String datasetPath;
  private final Size3 chunks;
  private final Hdf5Compression compression;

  /** {@code chunks} is null for contiguous storage. */
  Hdf5Writer(String where, Path target, VolumeSpec spec, WriteMode mode, String datasetPath,
      Size3 chunks, Hdf5Compression compression) {
    super(target, spec, mode);
    this.where = where;
    this.datasetPath = datasetPath;
    this.chunks = chunks;
    this.compression = compression;
  }

  @Override
  protected void writeTo(Path temp, Volume volume, VolumeSpec spec) {
    List<String> parts = Hdf5Tree.segments(datasetPath);
    try (WritableHdfFile file = HdfFile.write(temp)) {
      WritableGroup group = file;
      for (String g : parts.subList(0, parts.size() - 1)) {
        group = group.putGroup(g);
      }
      WritableDataset ds = group.putDataset(parts.get(parts.size() - 1),
          JavaArrays.of(volume), options(spec));
      Hdf5Attributes.write(ds, spec.attributes(), spec.voxelSize());
    } catch (RuntimeException e) {
      throw new NdioException(where + ": jhdf could not write the file: " + e.getMessage(), e);
    }
  }

  private DatasetCreationOptions options(VolumeSpec spec) {
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
    if (!spec.dtype().isSigned()) {
      b.unsigned();
    }
    if (chunks != null) {
      b.chunkDimensions((int) chunks.z(), (int) chunks.y(), (int) chunks.x());
      // Pipeline order is call order; h5py puts shuffle before deflate.
      if (compression.shuffle()) {
        b.shuffle();
      }
      if (compression.compresses()) {
        b.deflate(compression.gzipLevel());
      }
    }
    return b.build();
  }

  @Override
  protected Size3 chunks() {
    Size3 s = spec().shape();
    return chunks != null ? chunks : new Size3(s.x(), s.y(), 1);
  }
}
