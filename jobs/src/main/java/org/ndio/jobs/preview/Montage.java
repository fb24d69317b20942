package org.ndio.jobs.preview;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.ndio.volume.Volume;

/**
 * Several pictures in a grid on a dark background, with an optional title line above: the
 * contact sheet of a job's result.
 */
public final class Montage {

  /** Pixels between panels and around the grid. */
  public static final int GAP = 4;
  /** Height of the title line. */
  public static final int TITLE = 18;

  private static final int BACKGROUND = 0x202020;

  private Montage() {}

  /** {@code n} sections evenly spread over {@code [z0, z1)}: the middles of n equal slabs. */
  public static long[] evenlySpaced(long z0, long z1, int n) {
    long depth = z1 - z0;
    int k = (int) Math.max(1, Math.min(n, depth));
    long[] z = new long[k];
    for (int i = 0; i < k; i++) {
      z[i] = z0 + (2L * i + 1) * depth / (2L * k);
    }
    return z;
  }

  /**
   * {@code n} sections of {@code [z0, z1)}, one from each of {@code n} equal slabs: the section
   * of the slab with the most weight ({@code weight[z - z0]}, e.g. the voxels of objects
   * centred there), or the slab's middle where it has none. Evenly spaced sections of a
   * layered volume can all fall between the layers; these show what is there.
   */
  public static long[] busiest(long z0, long z1, int n, long[] weight) {
    long[] z = evenlySpaced(z0, z1, n);
    int k = z.length;
    long depth = z1 - z0;
    for (int i = 0; i < k; i++) {
      long best = 0;
      for (long s = z0 + i * depth / k; s < z0 + (i + 1) * depth / k; s++) {
        long w = s - z0 < weight.length ? weight[(int) (s - z0)] : 0;
        if (w > best) {
          best = w;
          z[i] = s;
        }
      }
    }
    return z;
  }

  /**
   * Sections with their labels overlaid ({@link SliceImage#overlay}, one window over all
   * sections so they compare), in a grid named {@code z=...}.
   *
   * @param grey the sections, each one voxel deep
   * @param labels the label sections, same sizes
   * @param z the section numbers, for the names
   */
  public static Picture sections(List<Volume> grey, List<Volume> labels, long[] z,
      int columns, String title) {
    Window window = Window.of(grey.toArray(new Volume[0]));
    List<BufferedImage> panels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < grey.size(); i++) {
      panels.add(SliceImage.overlay(grey.get(i), window, labels.get(i), SliceImage.ALPHA, true));
      names.add("z=" + z[i]);
    }
    return grid(panels, names, columns, title);
  }

  /**
   * The panels in rows of {@code columns}, each column as wide as its widest panel and each
   * row as high as its highest, the title (if not empty) above them.
   */
  public static Picture grid(List<BufferedImage> panels, List<String> names, int columns,
      String title) {
    if (panels.isEmpty() || panels.size() != names.size() || columns < 1) {
      throw new IllegalArgumentException("need panels, one name each, and columns >= 1");
    }
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int[] colX = new int[cols + 1];
    int[] rowY = new int[rows + 1];
    colX[0] = GAP;
    rowY[0] = title.isEmpty() ? GAP : TITLE + GAP;
    for (int c = 0; c < cols; c++) {
      int w = 0;
      for (int i = c; i < panels.size(); i += cols) {
        w = Math.max(w, panels.get(i).getWidth());
      }
      colX[c + 1] = colX[c] + w + GAP;
    }
    for (int r = 0; r < rows; r++) {
      int h = 0;
      for (int i = r * cols; i < Math.min(panels.size(), (r + 1) * cols); i++) {
        h = Math.max(h, panels.get(i).getHeight());
      }
      rowY[r + 1] = rowY[r] + h + GAP;
    }
    BufferedImage img = new BufferedImage(colX[cols], rowY[rows], BufferedImage.TYPE_INT_RGB);
    fill(img, BACKGROUND);
    List<Picture.Panel> placed = new ArrayList<>();
    for (int i = 0; i < panels.size(); i++) {
      int x = colX[i % cols];
      int y = rowY[i / cols];
      BufferedImage p = panels.get(i);
      for (int v = 0; v < p.getHeight(); v++) {
        for (int u = 0; u < p.getWidth(); u++) {
          img.setRGB(x + u, y + v, p.getRGB(u, v));
        }
      }
      placed.add(new Picture.Panel(names.get(i), x, y, p.getWidth(), p.getHeight()));
    }
    if (!title.isEmpty()) {
      drawTitle(img, title);
    }
    return new Picture(img, placed);
  }

  static void fill(BufferedImage img, int rgb) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rgb);
      }
    }
  }

  /**
   * The title in the strip above the panels. Text needs the platform's fonts; a Java runtime
   * without any (a bare container) cannot draw it, and the picture is still worth having.
   */
  static void drawTitle(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(0xE0E0E0));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setClip(0, 0, img.getWidth(), TITLE);
      g.drawString(title, GAP, TITLE - 4);
    } catch (RuntimeException | InternalError e) {
      // No fonts: leave the strip empty.
    } finally {
      g.dispose();
    }
  }
}
