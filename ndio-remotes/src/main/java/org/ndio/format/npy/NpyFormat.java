package org.ndio.format.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ndio.InvalidUrlException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.format.LocalFile;
import org.ndio.format.RawArrayReader;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;

/**
 * {@code npy:FILE}: one numpy array in a {@code .npy} file. Reads format versions 1.0 to 3.0,
 * every volume data type in either byte order, C or Fortran order; a 3D array is {@code (z, y,
 * x)} and a 2D array {@code (y, x)} one section. Writes version 1.0 (2.0 if the header needs
 * it), little-endian, C order, always with a 3D shape {@code (z, y, x)}. npy holds no voxel
 * size or attributes, so those of a written spec are not stored.
 */
public final class NpyFormat implements VolumeFormat {

  @Override
  public String scheme() {
    return "npy";
  }

  @Override
  public String usage() {
    return "npy:FILE           a numpy .npy array, 3D (z, y, x) or 2D (y, x)";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    requireNoFragment(url);
    Path path = LocalFile.existing(url);
    long length = LocalFile.size(path, url);
    RawArrayReader.Source source;
    try {
      source = RawArrayReader.Source.file(path);
    } catch (IOException e) {
      throw new StorageException(url + ": cannot open " + path + ": " + e.getMessage(), e);
    }
    return NpyArrays.reader(url.toString(), source, length, "none", false);
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    requireNoFragment(url);
    String c = spec.compressor().orElse("none").trim();
    if (!c.equalsIgnoreCase("none") && !c.equalsIgnoreCase("raw")) {
      throw new UnsupportedFeatureException(url + ": npy files are not compressed (compressor '"
          + c + "' requested); use npz: for a deflated archive");
    }
    Path path = LocalFile.path(url);
    if (Files.isDirectory(path)) {
      throw new InvalidUrlException(url + ": " + path + " is a directory, not a file name");
    }
    return new NpyWriter(url.toString(), path, spec, mode);
  }

  private static void requireNoFragment(VolumeUrl url) {
    if (url.hasFragment()) {
      throw new InvalidUrlException(url + ": an npy file holds one array, so the URL takes no"
          + " #" + url.fragment() + " (npz:FILE#NAME names an array of an archive)");
    }
  }

  static Map<String, Object> attributes(NpyHeader h) {
    return Map.of("npy_version", h.major() + "." + h.minor(), "descr", h.descr(),
        "fortran_order", h.fortranOrder());
  }
}
