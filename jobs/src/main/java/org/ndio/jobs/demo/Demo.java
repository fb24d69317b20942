package org.ndio.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes the demo dataset, the embedded default the README's first command and the notebooks
 * use: a Zarr group at DIR with arrays {@code em} (uint8) and {@code labels} (uint32), both
 * carrying the truth ({@code "ndio_demo": {"cells": N, "seed": S, "threshold": 128}}) in
 * their {@code .zattrs}.
 */
public final class Demo {

  private Demo() {}

  /** The URLs of the two arrays under {@code dir}. */
  public record Urls(String em, String labels) {}

  public static Urls urls(String dir) {
    String base = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    return new Urls("zarr:" + base + "/em", "zarr:" + base + "/labels");
  }

  public static DemoVolume write(String dir, Size3 shape, long seed, WriteMode mode) {
    DemoVolume demo = DemoVolume.generate(shape, seed);
    Map<String, Object> truth = Map.of("ndio_demo",
        Map.of("cells", demo.cells(), "seed", seed, "threshold", DemoVolume.THRESHOLD));
    Urls urls = urls(dir);
    put(urls.em(), demo.em(), truth, mode);
    put(urls.labels(), demo.labels(), truth, mode);
    Storage group = Storages.at(dir);
    group.write(".zgroup", "{\n  \"zarr_format\": 2\n}\n".getBytes(StandardCharsets.UTF_8));
    group.write(".zattrs", ("{\n  \"ndio_demo\": {\"cells\": " + demo.cells() + ", \"seed\": "
        + seed + ", \"threshold\": " + DemoVolume.THRESHOLD + "}\n}\n")
        .getBytes(StandardCharsets.UTF_8));
    return demo;
  }

  private static void put(String url, Volume v, Map<String, Object> attrs, WriteMode mode) {
    VolumeSpec spec = VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()))
        .withChunks(new Size3(64, 64, 16))
        .withVoxelSize(DemoVolume.VOXEL_SIZE)
        .withAttributes(attrs);
    try (VolumeWriter w = Volumes.create(url, spec, mode)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }
}
