package org.ndio.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

class DemoVolumeTest {

  @TempDir
  Path dir;

  @Test
  void labelsAreExactlyTheBrightVoxelsAndNumberTheCells() {
    DemoVolume d = DemoVolume.generate(new Size3(200, 150, 40), 5);
    Set<Long> ids = new HashSet<>();
    for (int z = 0; z < 40; z++) {
      for (int y = 0; y < 150; y++) {
        for (int x = 0; x < 200; x++) {
          long id = d.labels().getLong(x, y, z);
          assertEquals(id != 0, d.em().getLong(x, y, z) >= DemoVolume.THRESHOLD);
          if (id != 0) {
            ids.add(id);
          }
        }
      }
    }
    assertTrue(d.cells() > 20, "a useful demo has many cells: " + d.cells());
    assertEquals(d.cells(), ids.size());
    assertEquals(d.cells(), ids.stream().mapToLong(Long::longValue).max().orElse(0));
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    Volume a = DemoVolume.generate(new Size3(64, 64, 16), 9).em();
    assertEquals(a, DemoVolume.generate(new Size3(64, 64, 16), 9).em());
    assertNotEquals(a, DemoVolume.generate(new Size3(64, 64, 16), 10).em());
  }

  /** scipy.ndimage.label, an independent labelling, finds exactly the stated cells. */
  @Test
  void scipyCountsTheStatedCellsInTheWrittenArrays() throws Exception {
    Python.require("numpy", "scipy", "zarr");
    String group = dir.resolve("demo").toString();
    DemoVolume d = Demo.write(group, DemoVolume.DEFAULT_SHAPE, 1, WriteMode.ERROR_IF_EXISTS);
    try (VolumeReader r = Volumes.open(Demo.urls(group).em())) {
      JsonNode truth = new ObjectMapper().valueToTree(r.info().attributes().get("ndio_demo"));
      assertEquals(d.cells(), truth.get("cells").asInt());
    }
    String script = """
        import sys, json, zarr, numpy as np
        from scipy import ndimage
        g = zarr.open_group(sys.argv[1], mode='r')
        fg = g['em'][...] >= g.attrs['ndio_demo']['threshold']
        lab = g['labels'][...]
        out = {}
        for conn in (1, 3):
            comp, n = ndimage.label(fg, structure=ndimage.generate_binary_structure(3, conn))
            pairs = set(zip(comp[fg].tolist(), lab[fg].tolist()))
            out[str(conn)] = [n, len(pairs)]
        out['stated'] = g.attrs['ndio_demo']['cells']
        print(json.dumps(out))
        """;
    JsonNode got = new ObjectMapper().readTree(Python.run(script, group));
    assertEquals(d.cells(), got.get("stated").asInt());
    for (String conn : new String[] {"1", "3"}) {
      // As many components as cells, and each component holds exactly one label.
      assertEquals(d.cells(), got.get(conn).get(0).asInt(), "components, connectivity " + conn);
      assertEquals(d.cells(), got.get(conn).get(1).asInt(), "component/label pairs " + conn);
    }
  }
}
