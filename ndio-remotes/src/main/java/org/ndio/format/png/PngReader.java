package org.ndio.format.png;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.ndio.CorruptDataException;
import org.ndio.NdioException;
import org.ndio.VolumeNotFoundException;
import org.ndio.codec.Expansion;
import org.ndio.format.LocalFile;
import org.ndio.format.image.DecodeErrors;
import org.ndio.format.image.SectionFiles;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Reads a directory of PNG sections (z = index in name order; files without a {@code .png}
 * name are ignored) with the JDK's PNG decoder. 16-bit PNGs read as uint16, all others as
 * uint8 (see {@link PngSection}). Opening reads every file's header to check that all share
 * size and type; a read decodes only its box's files. Each read uses its own decoder.
 */
public final class PngReader implements VolumeReader {

  private final VolumeUrl url;
  private final List<Path> files;
  private final VolumeInfo info;

  private PngReader(VolumeUrl url, List<Path> files, VolumeInfo info) {
    this.url = url;
    this.files = files;
    this.info = info;
  }

  /**
   * Refuses an image whose IHDR declares more pixels than the file's compressed data can
   * hold, before the decoder allocates its raster: each row is a filter byte and its samples.
   */
  private static void requirePlausibleSize(Path f, int w, int h, ImageTypeSpecifier type,
      String where) throws IOException {
    long bits = (long) type.getSampleModel().getSampleSize(0)
        * type.getSampleModel().getNumBands();
    long raw = (long) h * (1 + ((long) w * bits + 7) / 8);
    Expansion.require(raw, Files.size(f), Expansion.DEFLATE, where + ": PNG image of " + w
        + "x" + h + " pixels");
  }

  /** Opens {@code png:DIR} (a single {@code png:FILE.png} reads as one section). */
  public static PngReader open(VolumeUrl url) {
    Path p = LocalFile.existingFileOrDirectory(url);
    List<Path> files = Files.isDirectory(p) ? SectionFiles.list(p, Set.of("png")) : List.of(p);
    if (files.isEmpty()) {
      throw new VolumeNotFoundException(url + ": no .png files in directory " + p);
    }
    int width = -1;
    int height = -1;
    DataType dtype = null;
    for (Path f : files) {
      String where = where(url, f);
      ImageReader r = newReader(where);
      try (ImageInputStream in = new FileImageInputStream(f.toFile())) {
        r.setInput(in);
        int w = r.getWidth(0);
        int h = r.getHeight(0);
        ImageTypeSpecifier type = r.getRawImageType(0);
        requirePlausibleSize(f, w, h, type, where);
        DataType t = type.getSampleModel().getSampleSize(0) == 16 ? DataType.UINT16
            : DataType.UINT8;
        if (dtype == null) {
          width = w;
          height = h;
          dtype = t;
        } else if (w != width || h != height || t != dtype) {
          throw new CorruptDataException(
              where + " is " + w + "x" + h + " " + t.numpyName() + " but "
                  + files.get(0).getFileName() + " is " + width + "x" + height + " "
                  + dtype.numpyName() + "; all sections of a stack must share size and type");
        }
      } catch (IOException | RuntimeException e) {
        throw DecodeErrors.of(where, "PNG", e);
      } finally {
        r.dispose();
      }
    }
    VolumeInfo info = new VolumeInfo(dtype, BoundingBox.ofShape(width, height, files.size()),
        new Size3(width, height, 1), Optional.empty(), "deflate", Map.of());
    return new PngReader(url, List.copyOf(files), info);
  }

  private static String where(VolumeUrl url, Path file) {
    return url + ": " + file.getFileName();
  }

  private static ImageReader newReader(String where) {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("png");
    if (!it.hasNext()) {
      throw new NdioException(where + ": this Java runtime has no ImageIO PNG reader");
    }
    return it.next();
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    info.extent().requireContains(box, url.toString());
    Volume out = Volume.allocate(info.dtype(), box);
    Rectangle region = new Rectangle((int) box.x0(), (int) box.y0(), (int) box.sizeX(),
        (int) box.sizeY());
    for (int z = (int) box.z0(); z < box.z1(); z++) {
      Path f = files.get(z);
      String where = where(url, f);
      ImageReader r = newReader(where);
      try (ImageInputStream in = new FileImageInputStream(f.toFile())) {
        r.setInput(in);
        // Whole sections are decoded and cropped: PNG rows decode in order anyway, and the
        // JDK's decoder fails on source regions of images with a tRNS chunk.
        BufferedImage whole = r.read(0);
        if (whole.getWidth() != info.extent().sizeX()
            || whole.getHeight() != info.extent().sizeY()) {
          throw new CorruptDataException(
              where + ": decoded " + whole.getWidth() + "x" + whole.getHeight() + " pixels, its"
                  + " header says " + info.extent().sizeX() + "x" + info.extent().sizeY());
        }
        BufferedImage image = whole.getSubimage(region.x, region.y, region.width, region.height);
        Volume section = PngSection.decode(image, r.getImageMetadata(0), info.dtype(), where,
            region.x, region.y);
        out.copyFrom(section, 0, 0, z - (int) box.z0());
      } catch (IOException | RuntimeException e) {
        throw DecodeErrors.of(where, "PNG", e);
      } finally {
        r.dispose();
      }
    }
    return out;
  }
}
