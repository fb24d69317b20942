package org.ndio.ramon.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ndio.RamonException;
import org.ndio.ramon.Generic;
import org.ndio.ramon.RamonCommon;
import org.ndio.ramon.RamonObjects;
import org.ndio.ramon.Segment;
import org.ndio.ramon.SegmentClass;
import org.ndio.testing.RamonSamples;

class RamonObjectsTest {

  private static Segment segmentOfNeuron(long id, long neuron) {
    return new Segment(RamonCommon.of(id), SegmentClass.AXON, 0, neuron, List.of(), List.of(),
        Optional.empty());
  }

  @Test
  void linksToTheBatchOrToStoredObjectsPass() {
    assertDoesNotThrow(() -> RamonObjects.checkLinks(List.of(segmentOfNeuron(2, 3),
        Generic.of(3)), id -> false));
    assertDoesNotThrow(() -> RamonObjects.checkLinks(List.of(segmentOfNeuron(2, 3)),
        Set.of(3L)::contains));
  }

  @Test
  void aLinkToNothingIsRefusedNamingTheObject() {
    RamonException e = assertThrows(RamonException.class, () -> RamonObjects.checkLinks(
        List.of(segmentOfNeuron(2, 3)), id -> false));
    assertTrue(e.getMessage().contains("segment 2 links to object [3]"), e.getMessage());
    RamonException all = assertThrows(RamonException.class,
        () -> RamonObjects.checkLinks(RamonSamples.all(), id -> false));
    assertTrue(all.getMessage().contains("neither in this batch nor stored"));
  }

  @Test
  void anIdTwiceIsRefused() {
    assertThrows(RamonException.class, () -> RamonObjects.checkLinks(List.of(Generic.of(4),
        Generic.of(4)), id -> true));
    assertDoesNotThrow(() -> RamonObjects.checkLinks(List.of(Generic.of(0), Generic.of(0)),
        id -> true));
  }
}
