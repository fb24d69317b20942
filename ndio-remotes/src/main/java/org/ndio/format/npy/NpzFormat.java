package org.ndio.format.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.ndio.CorruptDataException;
import org.ndio.InvalidUrlException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.codec.Expansion;
import org.ndio.format.LocalFile;
import org.ndio.format.RawArrayReader;
import org.ndio.format.SeekableInput;
import org.ndio.storage.SafeNames;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;

/**
 * {@code npz:FILE[#NAME]}: one array of a numpy {@code .npz} archive, a zip of {@code NAME.npy}
 * entries, stored or deflated (ZIP64 included, which numpy uses for every entry). Without a
 * name the archive must hold exactly one array.
 *
 * <p>Writing makes a new archive holding the one array {@code NAME} (default {@code arr_0}, the
 * name {@code numpy.savez} gives an unnamed array), deflated as {@code numpy.savez_compressed}
 * does; compressor {@code none} stores it as {@code numpy.savez} does, {@code deflate:LEVEL}
 * picks the level. An existing archive is replaced as a whole, not extended.
 */
public final class NpzFormat implements VolumeFormat {

  /** The entry name numpy gives the first unnamed array. */
  public static final String DEFAULT_NAME = "arr_0";

  private static final Pattern DEFLATE =
      Pattern.compile("(?:deflate|zlib|zip)(?::([0-9]))?", Pattern.CASE_INSENSITIVE);

  @Override
  public String scheme() {
    return "npz";
  }

  @Override
  public String usage() {
    return "npz:FILE[#NAME]    array NAME of a numpy .npz archive (the only one if no NAME)";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    Path path = LocalFile.existing(url);
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new CorruptDataException(url + ": not a readable zip archive (" + e.getMessage()
          + ")", e);
    } catch (IOException e) {
      throw new StorageException(url + ": cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      ZipEntry entry = select(zip, url);
      // Reading never extracts, but a name that climbs out is refused here as by extractors.
      SafeNames.require(entry.getName(), "archive entry", url.toString());
      String label = url.scheme() + ":" + url.location() + ": entry '" + entry.getName() + "'";
      requirePlausibleSize(entry, LocalFile.size(path, url), label);
      RawArrayReader.Source source = new RawArrayReader.Source() {
        @Override
        public SeekableInput open() throws IOException {
          return SeekableInput.of(new BufferedInputStream(new CrcCheckingStream(
              zip.getInputStream(entry), entry.getName(), entry.getSize(), entry.getCrc()),
              1 << 16));
        }

        @Override
        public void close() throws IOException {
          zip.close();
        }
      };
      String compressor = entry.getMethod() == ZipEntry.DEFLATED ? "deflate" : "none";
      return NpyArrays.reader(label, source, entry.getSize(), compressor, true);
    } catch (RuntimeException e) {
      try {
        zip.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static ZipEntry select(ZipFile zip, VolumeUrl url) {
    List<? extends ZipEntry> arrays = zip.stream()
        .filter(e -> !e.isDirectory() && e.getName().endsWith(".npy")).toList();
    List<String> names = arrays.stream().map(e -> arrayName(e.getName())).toList();
    if (url.hasFragment()) {
      SafeNames.require(url.fragment(), "array name", url.toString());
      String wanted = url.fragment().endsWith(".npy") ? url.fragment()
          : url.fragment() + ".npy";
      for (ZipEntry e : arrays) {
        if (e.getName().equals(wanted)) {
          return e;
        }
      }
      throw new VolumeNotFoundException(url + ": the archive holds no array '"
          + arrayName(wanted) + "'" + (names.isEmpty() ? " (it holds no arrays)"
              : " (arrays present: " + String.join(", ", names) + ")"));
    }
    if (arrays.isEmpty()) {
      throw new VolumeNotFoundException(url + ": the archive holds no .npy arrays");
    }
    if (arrays.size() > 1) {
      throw new InvalidUrlException(url + ": the archive holds " + arrays.size() + " arrays ("
          + String.join(", ", names) + "); name one, e.g. " + url + "#" + names.get(0));
    }
    return arrays.get(0);
  }

  /**
   * Checks the sizes the zip's directory gives the entry against the archive's length: the
   * npy header is only checked against the entry's size, so a directory claiming a gigabyte
   * in a small file would otherwise be allocated before the data ran out.
   */
  private static void requirePlausibleSize(ZipEntry e, long archiveBytes, String label) {
    long size = e.getSize();
    long compressed = e.getCompressedSize();
    if (size < 0 || compressed < 0 || compressed > archiveBytes) {
      throw new CorruptDataException(label + ": the zip directory gives the entry " + size
          + " bytes (" + compressed + " compressed) in an archive of " + archiveBytes);
    }
    if (e.getMethod() == ZipEntry.STORED && size != compressed) {
      throw new CorruptDataException(label + ": the zip directory gives the stored entry "
          + size + " bytes but " + compressed + " stored");
    }
    Expansion.require(size, compressed, Expansion.DEFLATE, label + " (deflated)");
  }

  private static String arrayName(String entry) {
    return entry.substring(0, entry.length() - ".npy".length());
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    String name = url.hasFragment() ? url.fragment() : DEFAULT_NAME;
    if (name.endsWith(".npy")) {
      name = arrayName(name);
    }
    if (name.isBlank()) {
      throw new InvalidUrlException(url + ": empty array name after '#'");
    }
    SafeNames.require(name, "array name", url.toString());
    int level = level(url, spec);
    Path path = LocalFile.path(url);
    if (Files.isDirectory(path)) {
      throw new InvalidUrlException(url + ": " + path + " is a directory, not a file name");
    }
    return new NpzWriter(path, spec, mode, name + ".npy", level);
  }

  /** The deflate level the spec asks for, or -1 for stored entries. */
  private static int level(VolumeUrl url, VolumeSpec spec) {
    String c = spec.compressor().orElse("deflate").trim().toLowerCase(Locale.ROOT);
    if (c.equals("none") || c.equals("raw") || c.equals("stored")) {
      return -1;
    }
    Matcher m = DEFLATE.matcher(c);
    if (!m.matches()) {
      throw new UnsupportedFeatureException(url + ": npz entries are stored or deflated;"
          + " compressor '" + c + "' is not available (use none, deflate or deflate:LEVEL)");
    }
    // zlib's default, which Python's zipfile (and so savez_compressed) uses.
    return m.group(1) == null ? 6 : Integer.parseInt(m.group(1));
  }
}
