package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.store.VolumeUrl;

class LocalFileTest {

  @Test
  void plainPathsAndFileUrisAreLocal() {
    assertEquals(Path.of("/data/a.h5"), LocalFile.path(VolumeUrl.parse("hdf5:/data/a.h5#/x")));
    assertEquals(Path.of("/data/stack"), LocalFile.path(VolumeUrl.parse("tiff:file:/data/stack")));
    assertEquals(Path.of("").toAbsolutePath().resolve("rel/s"),
        LocalFile.path(VolumeUrl.parse("png:rel/s/")));
  }

  @Test
  void otherFileSystemsAreRefusedAndMissingPathsNamed() {
    UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
        () -> LocalFile.path(VolumeUrl.parse("hdf5:hdfs://nn:8020/a.h5")));
    assertTrue(e.getMessage().contains("hdfs://nn:8020/a.h5"), e.getMessage());
    VolumeNotFoundException n = assertThrows(VolumeNotFoundException.class,
        () -> LocalFile.existingFileOrDirectory(VolumeUrl.parse("tiff:/no/such/stack")));
    assertTrue(n.getMessage().contains("/no/such/stack"), n.getMessage());
  }
}
