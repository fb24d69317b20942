package org.ndio.format.png;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ndio.NdioException;
import org.ndio.format.WholeFileWriter;
import org.ndio.format.image.GreyImages;
import org.ndio.format.image.SectionFiles;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Writes a directory of 8- or 16-bit greyscale PNGs {@code 00000.png, 00001.png, ...}. */
final class PngWriter extends WholeFileWriter {

  PngWriter(Path target, VolumeSpec spec, WriteMode mode) {
    super(target, spec, mode);
  }

  @Override
  protected void writeTo(Path temp, Volume volume, VolumeSpec spec) throws IOException {
    Files.createDirectory(temp);
    int depth = volume.sizeZ();
    for (int z = 0; z < depth; z++) {
      Path file = temp.resolve(SectionFiles.name(z, depth, "png"));
      if (!ImageIO.write(GreyImages.image(volume, z), "png", file.toFile())) {
        throw new NdioException(file + ": this Java runtime has no ImageIO PNG writer");
      }
    }
  }

  @Override
  protected Size3 chunks() {
    Size3 s = spec().shape();
    return new Size3(s.x(), s.y(), 1);
  }
}
