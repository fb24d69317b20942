package org.ndio.format.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import org.ndio.format.WholeFileWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Volume;

/** Writes a single-file NIfTI-1 image, {@code .nii} or gzip-compressed {@code .nii.gz}. */
final class NiftiWriter extends WholeFileWriter {

  private final boolean gzip;
  private final double[] voxel;
  private final int unitCode;

  /** @param voxel the i, j, k voxel sizes in the unit {@code unitCode} names */
  NiftiWriter(Path target, VolumeSpec spec, WriteMode mode, boolean gzip, double[] voxel,
      int unitCode) {
    super(target, spec, mode);
    this.gzip = gzip;
    this.voxel = voxel.clone();
    this.unitCode = unitCode;
  }

  @Override
  protected void writeTo(Path temp, Volume v, VolumeSpec spec) throws IOException {
    OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try (OutputStream out = gzip ? new GZIPOutputStream(file, 1 << 16)
        : new BufferedOutputStream(file, 1 << 16)) {
      out.write(NiftiHeader.encode(v.dtype(), v.sizeX(), v.sizeY(), v.sizeZ(), voxel,
          unitCode));
      // NIfTI's i runs fastest on disk and is our x, so the C-order bytes are the image data.
      out.write(v.array());
    }
  }
}
