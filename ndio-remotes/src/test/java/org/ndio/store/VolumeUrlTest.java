package org.ndio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ndio.InvalidUrlException;

class VolumeUrlTest {

  @Test
  void splitsSchemeLocationAndFragment() {
    assertEquals(new VolumeUrl("hdf5", "/a/b.h5", "/vol/raw"),
        VolumeUrl.parse("hdf5:/a/b.h5#/vol/raw"));
    assertEquals(new VolumeUrl("zarr", "hdfs://nn:8020/x/em", ""),
        VolumeUrl.parse("zarr:hdfs://nn:8020/x/em"));
    assertEquals(new VolumeUrl("boss", "//api.example.org/c/e/ch", ""),
        VolumeUrl.parse("BOSS://api.example.org/c/e/ch"));
    assertEquals("npz:a.npz#labels", VolumeUrl.parse("npz:a.npz#labels").toString());
  }

  @Test
  void rejectsWhatIsNotAUrl() {
    assertThrows(InvalidUrlException.class, () -> VolumeUrl.parse(""));
    assertThrows(InvalidUrlException.class, () -> VolumeUrl.parse("/plain/path"));
    assertThrows(InvalidUrlException.class, () -> VolumeUrl.parse("C:\\data\\x.tif"));
    assertThrows(InvalidUrlException.class, () -> VolumeUrl.parse("zarr:"));
  }

  @Test
  void unknownSchemesNameTheKnownOnes() {
    InvalidUrlException e =
        assertThrows(InvalidUrlException.class, () -> Volumes.open("ftp2:/x/y"));
    assertTrue(e.getMessage().contains("unknown scheme 'ftp2:'"), e.getMessage());
  }
}
