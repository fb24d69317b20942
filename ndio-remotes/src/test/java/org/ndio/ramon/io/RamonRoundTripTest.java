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
  void emptyVoxelListsAndDefaultsRoundTrip() {
    List<RamonObject> objects = List.of(
        new org.ndio.ramon.Segment(org.ndio.ramon.RamonCommon.of(3),
            org.ndio.ramon.SegmentClass.UNKNOWN, 0, 0, List.of(), List.of(),
            java.util.Optional.of(new org.ndio.ramon.VoxelList(4, new long[0]))),
        org.ndio.ramon.Synapse.of(4), org.ndio.ramon.Seed.of(5), org.ndio.ramon.Node.of(6),
        org.ndio.ramon.Skeleton.of(7), org.ndio.ramon.Organelle.of(8),
        org.ndio.ramon.Neuron.of(9), org.ndio.ramon.Roi.of(10));
    assertEquals(objects, RamonHdf5.read(RamonHdf5.write(objects), "t.h5"));
    assertEquals(objects, RamonJson.read(RamonJson.write(objects, true), "t.json"));
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
