package org.ndio.format.tiff;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.ndio.CorruptDataException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.LocalFile;
import org.ndio.format.image.DecodeErrors;
import org.ndio.format.image.GreyImages;
import org.ndio.format.image.SectionFiles;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * Reads a TIFF stack through TwelveMonkeys' TIFF plugin: a multipage file (z is the page index)
 * or a directory of single-page files (z is the index in name order). Opening checks that every
 * page has the size and sample type of the first; a read decodes only the pages, and within them
 * only the rows, its box needs. Each read uses its own decoder, so readers may be shared by
 * threads.
 */
public final class TiffReader implements VolumeReader {

  static final Set<String> EXTENSIONS = Set.of("tif", "tiff");

  private final VolumeUrl url;
  private final List<TiffSection> sections;
  private final TiffPage page;
  private final VolumeInfo info;

  private TiffReader(VolumeUrl url, List<TiffSection> sections, TiffPage page,
      VolumeInfo info) {
    this.url = url;
    this.sections = sections;
    this.page = page;
    this.info = info;
  }

  /** Opens {@code tiff:FILE} or {@code tiff:DIR}. */
  public static TiffReader open(VolumeUrl url) {
    Path p = LocalFile.existingFileOrDirectory(url);
    List<TiffSection> sections = new ArrayList<>();
    List<TiffTags> tags = new ArrayList<>();
    if (Files.isDirectory(p)) {
      List<Path> files = SectionFiles.list(p, EXTENSIONS);
      if (files.isEmpty()) {
        throw new VolumeNotFoundException(url + ": no .tif or .tiff files in directory " + p);
      }
      for (Path f : files) {
        String where = url + ": " + f.getFileName();
        List<TiffTags> pages = readTags(f, where);
        if (pages.size() != 1) {
          throw new UnsupportedFeatureException(
              where + " has " + pages.size() + " pages; in a directory stack each file holds one"
                  + " section (open a multipage file on its own as tiff:FILE)");
        }
        sections.add(new TiffSection(f, 0, where, isTiled(pages.get(0)), Optional.empty()));
        tags.add(pages.get(0));
      }
    } else {
      tags.addAll(readTags(p, url.toString()));
      for (int i = 0; i < tags.size(); i++) {
        sections.add(new TiffSection(p, i, url + ": page " + i, isTiled(tags.get(i)),
            Optional.empty()));
      }
    }
    TiffPage first = null;
    for (int z = 0; z < sections.size(); z++) {
      TiffSection s = sections.get(z);
      TiffPage pg;
      try {
        pg = TiffPage.of(tags.get(z), s.where(), size(s.file(), s.where()));
      } catch (RuntimeException e) {
        throw DecodeErrors.of(s.where(), "TIFF", e);
      }
      sections.set(z, new TiffSection(s.file(), s.page(), s.where(), s.tiled(),
          TiffStrips.of(tags.get(z), pg, order(s.file(), s.where()))));
      if (first == null) {
        first = pg;
      } else if (!pg.equals(first)) {
        throw new CorruptDataException(
            s.where() + " is " + pg.describe() + " but " + sections.get(0).where() + " is "
                + first.describe() + "; all sections of a stack must share size and type");
      }
    }
    return new TiffReader(url, List.copyOf(sections), first,
        info(url, first, sections.size(), tags.get(0)));
  }

  private static VolumeInfo info(VolumeUrl url, TiffPage page, int depth, TiffTags tags) {
    Optional<Map<String, String>> imagej =
        ImageJMetadata.parse(tags.text(TiffTags.IMAGE_DESCRIPTION).orElse(null));
    if (imagej.isPresent() && depth == 1) {
      int images = parseInt(imagej.get().get("images"));
      if (images > 1) {
        throw new UnsupportedFeatureException(
            url + ": an ImageJ stack of " + images + " images stored after a single directory"
                + " (ImageJ's form for stacks over 4 GB) is not supported; save it as a"
                + " standard multipage TIFF or one file per section");
      }
    }
    Optional<VoxelSize> voxel = imagej.flatMap(m -> ImageJMetadata.voxelSize(m,
        tags.reciprocal(TiffTags.X_RESOLUTION), tags.reciprocal(TiffTags.Y_RESOLUTION)));
    Map<String, Object> attributes = imagej.<Map<String, Object>>map(m -> Map.of("imagej", m))
        .orElse(Map.of());
    return new VolumeInfo(page.dtype(), BoundingBox.ofShape(page.width(), page.height(), depth),
        new Size3(page.width(), page.height(), 1), voxel,
        compressor(tags.first(TiffTags.COMPRESSION, 1)), attributes);
  }

  /** The byte order of a TIFF file, from its first two bytes (checked by the chain walk). */
  private static ByteOrder order(Path f, String where) {
    try (InputStream in = Files.newInputStream(f)) {
      return in.read() == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    } catch (IOException e) {
      throw new StorageException(where + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static boolean isTiled(TiffTags t) {
    return t.has(TiffTags.TILE_OFFSETS);
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String compressor(long code) {
    return switch ((int) code) {
      case 1 -> "none";
      case 5 -> "lzw";
      case 7 -> "jpeg";
      case 8, 32946 -> "deflate";
      case 32773 -> "packbits";
      default -> "tiff-compression-" + code;
    };
  }

  private static long size(Path f, String where) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new StorageException(where + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<TiffTags> readTags(Path file, String where) {
    ImageReader r = newReader();
    try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
      r.setInput(in);
      int n = TiffChain.pages(file, where);
      int decoded = r.getNumImages(true);
      if (decoded != n) {
        throw new CorruptDataException(
            where + ": the TIFF decoder finds " + decoded + " pages, the directory chain " + n);
      }
      List<TiffTags> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(TiffTags.of(r.getImageMetadata(i)));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw DecodeErrors.of(where, "TIFF", e);
    } finally {
      r.dispose();
    }
  }

  private static ImageReader newReader() {
    try {
      return new TIFFImageReaderSpi().createReaderInstance();
    } catch (IOException e) {
      throw new StorageException("cannot start the TIFF reader: " + e.getMessage(), e);
    }
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    info.extent().requireContains(box, url.toString());
    boolean direct = true;
    for (int z = (int) box.z0(); z < box.z1(); z++) {
      direct &= sections.get(z).strips().isPresent();
    }
    return direct ? readStrips(box) : readDecoded(box);
  }

  /**
   * Each section's strips read and inflated straight into the result, sections in parallel:
   * they are independent, and inflating is the work of a TIFF read.
   */
  private Volume readStrips(BoundingBox box) {
    int w = (int) box.sizeX();
    int h = (int) box.sizeY();
    int sectionBytes = w * h * page.dtype().bytes();
    Volume result = Volume.allocate(page.dtype(), box);
    byte[] out = result.array();
    IntStream.range((int) box.z0(), (int) box.z1()).parallel().forEach(z -> {
      TiffSection s = sections.get(z);
      try (FileChannel ch = FileChannel.open(s.file())) {
        s.strips().orElseThrow().read(ch, page, (int) box.x0(), (int) box.y0(), w, h, out,
            (z - (int) box.z0()) * sectionBytes, s.where());
      } catch (IOException e) {
        throw new StorageException(s.where() + ": cannot read: " + e.getMessage(), e);
      }
    });
    return result;
  }

  private Volume readDecoded(BoundingBox box) {
    Volume out = Volume.allocate(page.dtype(), box);
    Rectangle region = new Rectangle((int) box.x0(), (int) box.y0(), (int) box.sizeX(),
        (int) box.sizeY());
    ImageReader r = newReader();
    ImageInputStream in = null;
    Path current = null;
    TiffSection s = null;
    try {
      for (int z = (int) box.z0(); z < box.z1(); z++) {
        s = sections.get(z);
        if (!s.file().equals(current)) {
          if (in != null) {
            in.close();
          }
          in = new FileImageInputStream(s.file().toFile());
          r.setInput(in);
          current = s.file();
        }
        Raster raster = readRegion(r, s, region);
        if (raster.getWidth() != region.width || raster.getHeight() != region.height) {
          throw new CorruptDataException(
              s.where() + ": decoded " + raster.getWidth() + "x" + raster.getHeight()
                  + " pixels where " + region.width + "x" + region.height + " were asked for");
        }
        out.copyFrom(GreyImages.section(raster, 0, page.dtype()), 0, 0, z - (int) box.z0());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw DecodeErrors.of(s == null ? url.toString() : s.where(), "TIFF", e);
    } finally {
      r.dispose();
      closeQuietly(in);
    }
  }

  // Strips are decoded from the first row the region needs to the last. Tiled pages are
  // decoded whole and cropped: TwelveMonkeys 3.14 fails on some regions of tiled pages.
  private static Raster readRegion(ImageReader r, TiffSection s, Rectangle region)
      throws IOException {
    if (s.tiled()) {
      Raster whole = r.readRaster(s.page(), null);
      return whole.createChild(whole.getMinX() + region.x, whole.getMinY() + region.y,
          region.width, region.height, 0, 0, null);
    }
    ImageReadParam param = r.getDefaultReadParam();
    param.setSourceRegion(region);
    return r.readRaster(s.page(), param);
  }

  private static void closeQuietly(ImageInputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only stream: nothing is lost
      }
    }
  }
}
