package org.ndio.jobs.preview;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A composed picture and where its panels are in it, so a caller (or a test) can find the
 * pixels of each section or projection.
 */
public record Picture(BufferedImage image, List<Panel> panels) {

  /** One panel: its name (e.g. {@code z=12}, {@code x-y}) and its pixel rectangle. */
  public record Panel(String name, int x, int y, int width, int height) {}

  public Picture {
    panels = List.copyOf(panels);
  }

  /** The PNG bytes of the picture. */
  public byte[] png() {
    return SliceImage.png(image);
  }
}
