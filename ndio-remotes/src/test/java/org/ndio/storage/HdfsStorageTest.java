package org.ndio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.VolumeExistsException;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.MiniHdfs;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** The chunked store on a real HDFS (a one-datanode mini-cluster on loopback). */
class HdfsStorageTest {

  @TempDir
  static Path base;

  static MiniHdfs cluster;
  static String uri;

  @BeforeAll
  static void start() throws Exception {
    cluster = MiniHdfs.start(base);
    uri = cluster.uri();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void blobsAreWrittenAtomicallyListedAndDeleted() {
    Storage s = Storages.at(uri + "/blobs");
    assertTrue(s instanceof HadoopStorage);
    s.write("a/b", new byte[] {1, 2});
    s.write("a/b", new byte[] {3});
    s.write("c", new byte[0]);
    assertEquals(3, s.read("a/b").orElseThrow()[0]);
    assertEquals(List.of("a", "c"), s.list(""));
    assertFalse(s.read("missing").isPresent());
    s.delete("c");
    assertFalse(s.exists("c"));
    s.deleteRoot();
    assertFalse(s.rootExists());
  }

  @Test
  void zarrArraysRoundTripOnHdfs() {
    Volume v = TestVolumes.random(DataType.UINT32, 40, 30, 12, 9);
    String url = "zarr:" + uri + "/vols/labels.zarr";
    TestVolumes.write(url, v, new Size3(16, 16, 8), "none");
    try (VolumeReader r = Volumes.open(url)) {
      assertEquals(v, r.readAll());
      assertEquals(v.view(3, 4, 5, 20, 20, 7), r.read(BoundingBox.at(3, 4, 5, 20, 20, 7)));
    }
    assertThrows(VolumeExistsException.class,
        () -> TestVolumes.write(url, v, new Size3(16, 16, 8), "none"));
  }
}
