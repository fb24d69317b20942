package org.ndio.format.png;

import java.nio.file.Path;
import java.util.Locale;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
import org.ndio.format.LocalFile;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;

/**
 * {@code png:DIR}: a directory of greyscale PNG sections in name order, read as uint8 or uint16
 * and written as uint8 or uint16 ({@code 00000.png, 00001.png, ...}).
 */
public final class PngFormat implements VolumeFormat {

  @Override
  public String scheme() {
    return "png";
  }

  @Override
  public String usage() {
    return "png:DIR  a directory of 8- or 16-bit greyscale PNGs, one per section, in name order";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    return PngReader.open(url);
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    Path target = LocalFile.path(url);
    if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new InvalidUrlException(
          url + ": png: writes a directory of sections; name a directory, not a .png file");
    }
    if (spec.dtype() != DataType.UINT8 && spec.dtype() != DataType.UINT16) {
      String fits = spec.dtype() == DataType.UINT32 || spec.dtype() == DataType.FLOAT32
          ? "tiff:, hdf5:, npy:, npz: and zarr:" : "hdf5:, npy:, npz: and zarr:";
      throw new DataTypeException(
          url + ": PNG holds uint8 or uint16, not " + spec.dtype().numpyName() + "; " + fits
              + " hold " + spec.dtype().numpyName());
    }
    return new PngWriter(target, spec, mode);
  }
}
