package org.ndio.ramon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ndio.testing.RamonSamples;
import org.ndio.ramon.RamonObject;

class RamonRoundTripTest {

  private static List<RamonObject> sorted(List<RamonObject> l) {
    return l.stream().sorted(Comparator.comparingLong(o -> o.id() == 0 ? Long.MAX_VALUE
        : o.id())).toList();
  }

  @Test
  void hdf5RoundTripsEveryTypeWithVoxels() {
    List<RamonObject> all = RamonSamples.all();
    List<RamonObject> back = RamonHdf5.read(RamonHdf5.write(all), "test.h5");
    assertEquals(sorted(all), back);
  }

  @Test
  void jsonRoundTripsEveryTypeWithVoxels() {
    List<RamonObject> all = RamonSamples.all();
    String json = RamonJson.write(all, true);
    assertEquals(all, RamonJson.read(json, "test.json"));
  }

  @Test
  void jsonWithoutVoxelsKeepsMetadata() {
    List<RamonObject> all = RamonSamples.all();
    List<RamonObject> meta = all.stream().map(RamonObject::metadataOnly).toList();
    assertEquals(meta, RamonJson.read(RamonJson.write(all), "test.json"));
  }

  @Test
  void jsonToHdf5ToJson() {
    List<RamonObject> all = RamonSamples.all();
    String json = RamonJson.write(all, true);
    List<RamonObject> viaH5 = RamonHdf5.read(RamonHdf5.write(RamonJson.read(json, "a")), "b");
    assertEquals(json, RamonJson.write(viaH5.stream().sorted(Comparator.comparingLong(
        o -> o.id() == 0 ? Long.MAX_VALUE : o.id())).toList(), true));
  }
}
