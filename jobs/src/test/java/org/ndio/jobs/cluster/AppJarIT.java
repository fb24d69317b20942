package org.ndio.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The application jar holds ndio and its own libraries, and none of Spark's class path. */
class AppJarIT {

  private static List<String> entries() throws IOException {
    Path jar = Path.of(System.getProperty("ndio.app.jar", "missing"));
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify");
    try (JarFile f = new JarFile(jar.toFile())) {
      assertEquals("org.ndio.jobs.cli.Ndio", f.getManifest().getMainAttributes()
          .getValue("Main-Class"));
      return f.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void holdsNdioAndItsOwnLibraries() throws IOException {
    List<String> names = entries();
    for (String c : List.of("org/ndio/jobs/cli/Ndio.class", "org/ndio/spark/Ndio.class",
        "org/ndio/store/Volumes.class", "picocli/CommandLine.class", "io/jhdf/HdfFile.class",
        "com/twelvemonkeys/imageio/plugins/tiff/TIFFImageReaderSpi.class",
        "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister")) {
      assertTrue(names.contains(c), "no " + c + " in the application jar");
    }
    // jhdf's LZF codec, moved out of the way of the older one Spark ships.
    assertTrue(names.stream().anyMatch(n -> n.startsWith("org/ndio/shaded/com/ning/compress/")));
  }

  @Test
  void leavesSparksClassPathToSpark() throws IOException {
    for (String n : entries()) {
      for (String provided : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/",
          "com/fasterxml/", "net/jpountz/", "com/github/luben/", "org/xerial/snappy/",
          "org/apache/commons/lang3/", "org/slf4j/", "org/apache/logging/", "com/ning/")) {
        assertTrue(!n.startsWith(provided), n + " is in the application jar; Spark ships it");
      }
    }
  }
}
