package org.ndio.jobs.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ndio.InvalidBoxException;
import org.ndio.jobs.preview.SliceImage;
import org.ndio.jobs.preview.Window;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio preview URL --z N}: a PNG of one section, optionally with labels overlaid. */
@Command(name = "preview", mixinStandardHelpOptions = true,
    description = "Write a PNG of section z: grey levels (uint8 as stored; other types"
        + " scaled from the section's smallest to largest value, or --window), optionally"
        + " with the ids of a label volume overlaid, each in its own colour (0 clear).")
final class PreviewCommand implements Callable<Integer> {

  @Parameters(paramLabel = "URL", description = "The volume to show")
  String url;

  @Option(names = "--z", required = true, paramLabel = "N", description = "The section")
  long z;

  @Option(names = "--labels", paramLabel = "URL",
      description = "A label volume over the same voxels to overlay")
  String labels;

  @Option(names = "--box", paramLabel = "x0:x1,y0:y1",
      description = "Show only this part of the section (a third range, if given, must hold z)")
  String box;

  @Option(names = "--res", defaultValue = "0", paramLabel = "LEVEL",
      description = "Resolution level (default 0)")
  int resolution;

  @Option(names = "--window", paramLabel = "LO,HI",
      description = "Values shown from black to white (default: uint8 as stored, else the"
          + " section's range)")
  String window;

  @Option(names = "--alpha", defaultValue = "" + SliceImage.ALPHA, paramLabel = "A",
      description = "Opacity of the label colours (default ${DEFAULT-VALUE})")
  double alpha;

  @Option(names = "--no-outlines", description = "Do not outline the labelled objects")
  boolean noOutlines;

  @Option(names = "--out", paramLabel = "FILE.png",
      description = "The picture (default section-zN.png)")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Path file = out != null ? out : Path.of("section-z" + z + ".png");
    BoundingBox section;
    Volume grey;
    try (VolumeReader opened = Volumes.open(url)) {
      VolumeReader in = opened.level(resolution);
      BoundingBox extent = in.info().extent();
      section = section(extent);
      extent.requireContains(section, url);
      grey = in.read(section);
    }
    Window w = window == null ? Window.of(grey) : Window.parse(window);
    BufferedImage img;
    if (labels == null) {
      img = SliceImage.grey(grey, w);
    } else {
      Volume ids;
      try (VolumeReader opened = Volumes.open(labels)) {
        VolumeReader in = opened.level(resolution);
        in.info().extent().requireContains(section, labels);
        ids = in.read(section);
      }
      img = SliceImage.overlay(grey, w, ids, alpha, !noOutlines);
    }
    SliceImage.writePng(img, file);
    spec.commandLine().getOut().printf("%s: section z=%d, %s, %dx%d, window %s%s%n", file, z,
        section, img.getWidth(), img.getHeight(), w, labels == null ? "" : ", labels " + labels);
    return 0;
  }

  /** The one-voxel-deep box of section z: all of x and y, or the --box part of them. */
  private BoundingBox section(BoundingBox extent) {
    if (box == null) {
      return new BoundingBox(extent.x0(), extent.x1(), extent.y0(), extent.y1(), z, z + 1,
          resolution);
    }
    String[] ranges = box.split(",", -1);
    BoundingBox b = BoundingBox.parse(ranges.length == 2 ? box + "," + z + ":" + (z + 1) : box);
    if (z < b.z0() || z >= b.z1()) {
      throw new InvalidBoxException("--box " + box + " does not hold section z=" + z);
    }
    return new BoundingBox(b.x0(), b.x1(), b.y0(), b.y1(), z, z + 1, resolution);
  }
}
