package org.ndio.jobs.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Sections of a volume as PNG pictures, for notebooks: grey levels, label colours over grey,
 * and the HTML that shows them inline (Zeppelin renders a paragraph's output as HTML when it
 * starts with {@code %html}). Pure functions of the voxels, so the same volume always gives the
 * same bytes.
 */
public final class Pictures {

  private Pictures() {}

  /**
   * Section {@code z} of {@code v} in grey: uint8 as is, any other type stretched so the
   * section's lowest value is black and its highest white.
   */
  public static byte[] section(Volume v, int z) {
    return png(grey(v, z));
  }

  /**
   * Section {@code z} of {@code em} in grey with each non-zero label of {@code labels} blended
   * over it in its own colour ({@link #colour}); {@code opacity} in [0, 1] is the colour's
   * weight. The two volumes must have the same x and y size.
   */
  public static byte[] overlay(Volume em, Volume labels, int z, double opacity) {
    if (em.sizeX() != labels.sizeX() || em.sizeY() != labels.sizeY()) {
      throw new IllegalArgumentException("overlay needs sections of one size: " + em.sizeX()
          + "x" + em.sizeY() + " grey and " + labels.sizeX() + "x" + labels.sizeY() + " labels");
    }
    if (!(opacity >= 0 && opacity <= 1)) {
      throw new IllegalArgumentException("opacity " + opacity + " is not in [0, 1]");
    }
    checkSection(labels, z);
    BufferedImage g = grey(em, z);
    BufferedImage out = new BufferedImage(em.sizeX(), em.sizeY(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < em.sizeY(); y++) {
      for (int x = 0; x < em.sizeX(); x++) {
        int grey = g.getRaster().getSample(x, y, 0);
        long id = labels.getLong(x, y, z);
        int rgb = grey << 16 | grey << 8 | grey;
        if (id != 0) {
          int c = colour(id);
          rgb = blend(c >> 16 & 0xff, grey, opacity) << 16
              | blend(c >> 8 & 0xff, grey, opacity) << 8
              | blend(c & 0xff, grey, opacity);
        }
        out.setRGB(x, y, rgb);
      }
    }
    return png(out);
  }

  /**
   * The colour of label {@code id} as 0xRRGGBB: a hue spread by the golden ratio, so labels with
   * neighbouring ids (as connected-component numbering gives touching cells) differ clearly.
   */
  public static int colour(long id) {
    double hue = (id * 0.6180339887498949) % 1.0;
    return java.awt.Color.HSBtoRGB((float) hue, 0.85f, 1.0f) & 0xffffff;
  }

  /** An HTML {@code img} element showing {@code png} inline, {@code scale} times its size. */
  public static String img(byte[] png, int width, int scale) {
    return "<img style=\"image-rendering: pixelated; margin: 2px\" width=\"" + width * scale
        + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"/>";
  }

  /** A Zeppelin {@code %html} result showing the pictures side by side, {@code scale} times. */
  public static String html(int width, int scale, byte[]... pngs) {
    StringBuilder s = new StringBuilder("%html <div>");
    for (byte[] png : pngs) {
      s.append(img(png, width, scale));
    }
    return s.append("</div>").toString();
  }

  private static int blend(int colour, int grey, double opacity) {
    return (int) Math.round(opacity * colour + (1 - opacity) * grey);
  }

  private static void checkSection(Volume v, int z) {
    if (z < 0 || z >= v.sizeZ()) {
      throw new IllegalArgumentException("section " + z + " is outside 0.." + (v.sizeZ() - 1));
    }
  }

  private static BufferedImage grey(Volume v, int z) {
    checkSection(v, z);
    BufferedImage img = new BufferedImage(v.sizeX(), v.sizeY(), BufferedImage.TYPE_BYTE_GRAY);
    boolean bytes = v.dtype() == DataType.UINT8;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    if (!bytes) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          double d = v.getDouble(x, y, z);
          if (Double.isFinite(d)) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
          }
        }
      }
    }
    for (int y = 0; y < v.sizeY(); y++) {
      for (int x = 0; x < v.sizeX(); x++) {
        int g;
        if (bytes) {
          g = (int) v.getLong(x, y, z);
        } else {
          double d = v.getDouble(x, y, z);
          g = !Double.isFinite(d) || hi <= lo ? 0 : (int) Math.round(255 * (d - lo) / (hi - lo));
        }
        img.getRaster().setSample(x, y, 0, g);
      }
    }
    return img;
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed in memory", e);
    }
    return out.toByteArray();
  }
}
