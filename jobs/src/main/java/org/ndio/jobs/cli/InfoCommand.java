package org.ndio.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.volume.BoundingBox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ndio info URL}: the volume's metadata as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print a volume's metadata as JSON: dtype, shape and chunks (named x, y, z),"
        + " extent, voxel size, compressor and attributes; for synthetic volumes the true number"
        + " of cells under \"truth\".")
final class InfoCommand implements Callable<Integer> {

  @Parameters(paramLabel = "URL", description = "The volume, e.g. zarr:/data/em")
  String url;

  @Option(names = "--res", defaultValue = "0", paramLabel = "LEVEL",
      description = "Describe this resolution level (default 0)")
  int resolution;

  @Option(names = "--box", paramLabel = "x0:x1,y0:y1,z0:z1",
      description = "For synthetic volumes: give the truth inside this box (default: all)")
  String box;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (VolumeReader r = Volumes.open(url)) {
      Map<String, Object> json = toJson(url, r.level(resolution).info());
      json.put("levels", r.levelCount());
      if (r instanceof SyntheticReader synthetic) {
        BoundingBox b = box == null ? r.info().extent() : BoundingBox.parse(box);
        json.put("truth", Map.of("box", b.toString(), "cells", synthetic.cellCount(b)));
      }
      spec.commandLine().getOut().println(new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    }
    return 0;
  }

  static Map<String, Object> toJson(String url, VolumeInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    BoundingBox e = info.extent();
    m.put("url", url);
    m.put("dtype", info.dtype().numpyName());
    m.put("shape", xyz(e.sizeX(), e.sizeY(), e.sizeZ()));
    m.put("extent", e.toString());
    m.put("resolution", e.resolution());
    m.put("chunks", xyz(info.chunks().x(), info.chunks().y(), info.chunks().z()));
    m.put("voxel_size", info.voxelSize().map(v -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("x", v.x());
      s.put("y", v.y());
      s.put("z", v.z());
      s.put("unit", v.unit());
      return s;
    }).orElse(null));
    m.put("compressor", info.compressor());
    m.put("attributes", info.attributes());
    return m;
  }

  private static Map<String, Object> xyz(long x, long y, long z) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    m.put("z", z);
    return m;
  }
}
