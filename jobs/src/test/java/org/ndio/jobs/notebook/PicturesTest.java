package org.ndio.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.NdioException;
import org.ndio.testing.Python;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The notebooks' pictures, read back by Pillow and compared with what numpy computes from the
 * same voxel formula.
 */
class PicturesTest {

  @TempDir
  Path dir;

  /** Voxel values both sides compute: {@code (7x + 13y + 29z) % m}. */
  private static Volume pattern(DataType t, int sx, int sy, int sz, int m) {
    Volume v = Volume.allocate(t, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          v.setLong(x, y, z, (7L * x + 13L * y + 29L * z) % m);
        }
      }
    }
    return v;
  }

  @Test
  void sectionsAndOverlayAsPillowAndNumpySeeThem() throws IOException {
    Python.require("numpy", "PIL");
    Files.write(dir.resolve("u8.png"), Pictures.section(pattern(DataType.UINT8, 40, 30, 3,
        256), 2));
    // uint16 values 1000..(1000 + 4999): stretched so the section's range spans 0..255.
    Volume wide = pattern(DataType.UINT16, 40, 30, 3, 5000);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        wide.setLong(x, y, 1, wide.getLong(x, y, 1) + 1000);
      }
    }
    Files.write(dir.resolve("u16.png"), Pictures.section(wide, 1));
    // Labels: id (x / 10 + 1) in the left 30 columns, 0 beyond; full opacity shows the colour.
    Volume em = pattern(DataType.UINT8, 40, 30, 1, 256);
    Volume labels = Volume.allocate(DataType.UINT32, 40, 30, 1);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 30; x++) {
        labels.setLong(x, y, 0, x / 10 + 1);
      }
    }
    Files.write(dir.resolve("overlay.png"), Pictures.overlay(em, labels, 0, 1.0));
    String script = """
        import colorsys, sys
        import numpy as np
        from PIL import Image
        d = sys.argv[1]
        z, y, x = np.mgrid[0:3, 0:30, 0:40]
        f = lambda m: (7 * x + 13 * y + 29 * z) % m
        u8 = np.asarray(Image.open(d + '/u8.png'))
        assert u8.shape == (30, 40) and (u8 == f(256)[2]).all(), 'uint8 section'
        s = f(5000)[1] + 1000
        want = np.floor(255 * (s - s.min()) / (s.max() - s.min()) + 0.5)
        got = np.asarray(Image.open(d + '/u16.png')).astype(int)
        assert (got == want).all(), 'uint16 section'
        rgb = np.asarray(Image.open(d + '/overlay.png').convert('RGB')).astype(int)
        grey = f(256)[0]
        for c in range(3):
            assert (rgb[:, 30:, c] == grey[:, 30:]).all(), 'unlabelled voxels stay grey'
        m = (1 << 64) - 1
        def mix(i):  # SplitMix64's finaliser, as the colours are documented to use
            z = (i + 0x9E3779B97F4A7C15) & m
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m
            return z ^ (z >> 31)
        for i in (1, 2, 3):
            h = mix(i)
            hsv = ((h & 0xFFFFF) / (1 << 20), 0.55 + 0.45 * ((h >> 20) & 0xFF) / 255,
                   0.8 + 0.2 * ((h >> 28) & 0xFF) / 255)
            want = np.array(colorsys.hsv_to_rgb(*hsv)) * 255
            block = rgb[:, (i - 1) * 10:i * 10]
            assert (abs(block - want) <= 1).all(), 'colour of label %d' % i
        print('ok')
        """;
    assertEquals("ok", Python.run(script, dir.toString()).strip());
  }

  @Test
  void refusesMismatchedSectionsAndBadArguments() {
    Volume em = Volume.allocate(DataType.UINT8, 4, 4, 2);
    assertThrows(NdioException.class,
        () -> Pictures.overlay(em, Volume.allocate(DataType.UINT32, 4, 5, 2), 0, 0.5));
    assertThrows(NdioException.class,
        () -> Pictures.overlay(em, Volume.allocate(DataType.UINT32, 4, 4, 2), 0, 1.5));
    assertThrows(NdioException.class, () -> Pictures.section(em, 2));
    assertTrue(Pictures.html(4, 2, Pictures.section(em, 0)).startsWith("%html <div><img "));
  }
}
