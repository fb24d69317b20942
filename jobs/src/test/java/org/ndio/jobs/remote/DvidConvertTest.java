package org.ndio.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** {@code ndio convert} to and from a DVID server, in one process and as a Spark job. */
@ExtendWith(SparkExtension.class)
class DvidConvertTest {

  @TempDir
  Path dir;

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  @Test
  void zarrToDvidToZarrInOneProcessAndWithSpark(SparkSession spark) throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 70, 60, 21, 8);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(16, 16, 8), null);
    try (EmbeddedServer server = DvidServer.start(dir.resolve("dvid"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      String root;
      try (DvidClient c = new DvidClient(URI.create(server.address()), Optional.empty(),
          DvidOptions.DEFAULT)) {
        root = c.createRepo("convert", "ndio convert test");
      }
      String base = "dvid+http://127.0.0.1:" + server.port() + "/" + root + "/";
      Convert.Result single = Convert.run(src, base + "single", Convert.Options.defaults(),
          Convert.Progress.NONE);
      assertEquals(BoundingBox.ofShape(70, 60, 21), single.target().extent());
      String back = "zarr:" + dir.resolve("back");
      Convert.run(base + "single", back, Convert.Options.defaults(), Convert.Progress.NONE);
      assertEquals(v, read(back));

      assertTrue(SparkConvert.supports(base + "spark"));
      SparkConvert.run(spark, src, base + "spark", Convert.Options.defaults());
      Volume bySpark = read(base + "spark");
      assertEquals(v, bySpark);
      assertEquals(read(base + "single"), bySpark);
    }
  }
}
