package org.ndio.jobs.preview;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.volume.Volume;

/**
 * Pictures of one section (the {@code z = 0} plane of a volume): grey levels through a
 * {@link Window}, optionally with label ids overlaid in their {@link LabelColours}, and PNG
 * bytes of any picture. Image x is volume x, image y is volume y (row 0 at the top). Static
 * and side-effect free, so Scala notebooks call them as they are.
 */
public final class SliceImage {

  /** Share of a label's colour in an overlaid pixel. */
  public static final double ALPHA = 0.45;

  private SliceImage() {}

  /** The section in 8-bit grey through {@code window}. */
  public static BufferedImage grey(Volume section, Window window) {
    BufferedImage img = new BufferedImage(section.sizeX(), section.sizeY(),
        BufferedImage.TYPE_BYTE_GRAY);
    // Samples go in through the raster: setRGB on a grey image would apply a gamma curve.
    WritableRaster r = img.getRaster();
    for (int y = 0; y < section.sizeY(); y++) {
      for (int x = 0; x < section.sizeX(); x++) {
        r.setSample(x, y, 0, window.grey(section.getDouble(x, y, 0)));
      }
    }
    return img;
  }

  /** The section in grey with its window taken from its own values ({@link Window#of}). */
  public static BufferedImage grey(Volume section) {
    return grey(section, Window.of(section));
  }

  /**
   * The section in grey with {@code labels} (same x, y size, integer ids) blended over it:
   * each non-zero id in its colour at {@code alpha}, 0 left clear; with {@code outlines} the
   * pixels of an object that touch another id (or background) along x or y are drawn in
   * full colour.
   */
  public static BufferedImage overlay(Volume section, Window window, Volume labels,
      double alpha, boolean outlines) {
    if (labels.sizeX() != section.sizeX() || labels.sizeY() != section.sizeY()) {
      throw new NdioException("labels of " + labels.sizeX() + "x" + labels.sizeY()
          + " cannot overlay a section of " + section.sizeX() + "x" + section.sizeY());
    }
    if (labels.dtype().isFloat()) {
      throw new DataTypeException("labels must be integer ids, not " + labels.dtype()
          .numpyName());
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new NdioException("overlay alpha must be in [0, 1], got " + alpha);
    }
    int w = section.sizeX();
    int h = section.sizeY();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = window.grey(section.getDouble(x, y, 0));
        long id = labels.getLong(x, y, 0);
        int rgb;
        if (id == 0) {
          rgb = g << 16 | g << 8 | g;
        } else if (outlines && onOutline(labels, x, y, id)) {
          rgb = LabelColours.rgb(id);
        } else {
          rgb = blend(g, LabelColours.rgb(id), alpha);
        }
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  /** {@link #overlay} with the window from the section's values, {@link #ALPHA} and outlines. */
  public static BufferedImage overlay(Volume section, Volume labels) {
    return overlay(section, Window.of(section), labels, ALPHA, true);
  }

  /** Grey {@code g} and colour {@code rgb} mixed: {@code (1 - alpha) g + alpha c}, rounded. */
  public static int blend(int g, int rgb, double alpha) {
    int r = mix(g, rgb >> 16 & 0xFF, alpha);
    int gr = mix(g, rgb >> 8 & 0xFF, alpha);
    int b = mix(g, rgb & 0xFF, alpha);
    return r << 16 | gr << 8 | b;
  }

  private static int mix(int grey, int colour, double alpha) {
    return (int) Math.floor((1 - alpha) * grey + alpha * colour + 0.5);
  }

  /** Whether a 4-neighbour inside the section has another id. */
  static boolean onOutline(Volume labels, int x, int y, long id) {
    return x > 0 && labels.getLong(x - 1, y, 0) != id
        || x + 1 < labels.sizeX() && labels.getLong(x + 1, y, 0) != id
        || y > 0 && labels.getLong(x, y - 1, 0) != id
        || y + 1 < labels.sizeY() && labels.getLong(x, y + 1, 0) != id;
  }

  /** The picture as PNG bytes. */
  public static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  /** Writes the picture as a PNG file, whole under a temporary name and then renamed. */
  public static void writePng(BufferedImage img, Path file) {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.write(tmp, png(img));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
