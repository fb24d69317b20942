package org.ndio.jobs.notebook;

import java.util.Base64;
import org.ndio.NdioException;
import org.ndio.jobs.preview.SliceImage;
import org.ndio.jobs.preview.Window;
import org.ndio.volume.Volume;

/**
 * Sections of a volume as PNG pictures for notebooks, drawn by the same code as
 * {@code ndio preview} ({@link SliceImage}, {@link Window},
 * {@link org.ndio.jobs.preview.LabelColours}), and the HTML that shows them inline (Zeppelin
 * renders a paragraph's output as HTML when it starts with {@code %html}).
 */
public final class Pictures {

  private Pictures() {}

  /**
   * Section {@code z} of {@code v} in grey: uint8 as is, any other type stretched so the
   * section's lowest value is black and its highest white.
   */
  public static byte[] section(Volume v, int z) {
    return SliceImage.png(SliceImage.grey(section(v, z, "section")));
  }

  /**
   * Section {@code z} of {@code em} in grey with each non-zero label of {@code labels} blended
   * over it in its own colour; {@code opacity} in [0, 1] is the colour's weight. The two
   * volumes must have the same x and y size.
   */
  public static byte[] overlay(Volume em, Volume labels, int z, double opacity) {
    Volume grey = section(em, z, "grey");
    return SliceImage.png(SliceImage.overlay(grey, Window.of(grey),
        section(labels, z, "labels"), opacity, false));
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

  private static Volume section(Volume v, int z, String what) {
    if (z < 0 || z >= v.sizeZ()) {
      throw new NdioException(what + " section " + z + " is outside 0.." + (v.sizeZ() - 1));
    }
    return v.view(0, 0, z, v.sizeX(), v.sizeY(), 1);
  }
}
