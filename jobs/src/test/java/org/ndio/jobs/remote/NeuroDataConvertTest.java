package org.ndio.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** {@code ndio convert} to and from a NeuroData server, in one process and with Spark. */
@ExtendWith(SparkExtension.class)
class NeuroDataConvertTest {

  @TempDir
  Path dir;

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  private static Convert.Options mode(WriteMode m) {
    return new Convert.Options(Optional.empty(), Optional.empty(), Optional.empty(), m);
  }

  @Test
  void convertsZarrToNeuroDataAndBackInOneProcessAndWithSpark(SparkSession spark)
      throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 150, 140, 20, 17);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(50, 40, 8), null);
    // Without a key the server serves everyone, as Volumes finds no NDIO_NEURODATA_TOKEN here.
    try (EmbeddedServer server = NeuroDataServer.start(dir.resolve("server"), 0,
        Optional.empty(), FaultInjection.NONE)) {
      String base = "neurodata+http://127.0.0.1:" + server.port() + "/conv/";
      // ndio convert SRC neurodata+http://.../conv/single --create
      Convert.run(src, base + "single", mode(WriteMode.CREATE_OR_APPEND),
          Convert.Progress.NONE);
      Convert.run(base + "single", "zarr:" + dir.resolve("back"),
          mode(WriteMode.ERROR_IF_EXISTS), Convert.Progress.NONE);
      assertEquals(v, read("zarr:" + dir.resolve("back")));
      // The Spark job posts from its tasks into a new channel of the same project.
      assertEquals(true, SparkConvert.supports(base + "spark"));
      Convert.Result r = SparkConvert.run(spark, src, base + "spark",
          mode(WriteMode.CREATE_OR_APPEND));
      assertEquals(v.voxels(), r.voxels());
      assertEquals(new Size3(128, 128, 16), r.target().chunks());
      assertEquals(v, read(base + "spark"));
      assertEquals(read(base + "single"), read(base + "spark"));
    }
  }
}
