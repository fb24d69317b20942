package org.ndio.format.tiff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.ndio.DataTypeException;
import org.ndio.format.LocalFile;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;

/**
 * {@code tiff:FILE} (a multipage TIFF, z = page) and {@code tiff:DIR} (one single-page TIFF per
 * section, z = index in name order). Reads 8/16/32-bit integer and 32/64-bit float greyscale
 * pages of either byte order; writes uint8, uint16, uint32 and float32, little-endian and
 * deflate-compressed unless the spec's compressor says otherwise. A location ending in
 * {@code .tif} or {@code .tiff} is written as one file, any other as a directory.
 */
public final class TiffFormat implements VolumeFormat {

  private static final Set<DataType> WRITABLE =
      Set.of(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.FLOAT32);

  @Override
  public String scheme() {
    return "tiff";
  }

  @Override
  public String usage() {
    return "tiff:FILE.tif | tiff:DIR  a multipage greyscale TIFF (z = page) or a directory of"
        + " one TIFF per section, in name order";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    return TiffReader.open(url);
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    Path target = LocalFile.path(url);
    if (!WRITABLE.contains(spec.dtype())) {
      throw new DataTypeException(
          url + ": TIFF stacks are written as uint8, uint16, uint32 or float32, not "
              + spec.dtype().numpyName() + "; hdf5:, npy:, npz: and zarr: hold every type");
    }
    TiffCompression compression = TiffCompression.parse(spec.compressor().orElse(null),
        url.toString());
    return new TiffWriter(target, spec, mode, isDirectory(target), compression);
  }

  private static boolean isDirectory(Path target) {
    if (Files.isDirectory(target)) {
      return true;
    }
    if (Files.isRegularFile(target)) {
      return false;
    }
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    return !(name.endsWith(".tif") || name.endsWith(".tiff"));
  }
}
