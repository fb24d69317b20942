package org.ndio.format.tiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ndio.format.WholeFileWriter;
import org.ndio.format.image.SectionFiles;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes a TIFF stack at commit: one little-endian multipage file, or a directory of
 * single-page files {@code 00000.tif, 00001.tif, ...}. The voxel size, where given, is stored
 * as ImageJ calibration.
 */
final class TiffWriter extends WholeFileWriter {

  private final boolean directory;
  private final TiffCompression compression;

  TiffWriter(Path target, VolumeSpec spec, WriteMode mode, boolean directory,
      TiffCompression compression) {
    super(target, spec, mode);
    this.directory = directory;
    this.compression = compression;
  }

  @Override
  protected void writeTo(Path temp, Volume volume, VolumeSpec spec) throws IOException {
    int depth = volume.sizeZ();
    if (!directory) {
      TiffPagesWriter.write(temp, volume, 0, depth, spec.voxelSize(), compression);
      return;
    }
    Files.createDirectory(temp);
    for (int z = 0; z < depth; z++) {
      Path file = temp.resolve(SectionFiles.name(z, depth, "tif"));
      TiffPagesWriter.write(file, volume, z, z + 1, spec.voxelSize(), compression);
    }
  }

  @Override
  protected Size3 chunks() {
    Size3 s = spec().shape();
    return new Size3(s.x(), s.y(), 1);
  }
}
