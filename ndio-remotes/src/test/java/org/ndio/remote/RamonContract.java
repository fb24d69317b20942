package org.ndio.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.ndio.RamonException;
import org.ndio.RamonNotFoundException;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.Generic;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.Segment;
import org.ndio.ramon.SegmentClass;
import org.ndio.ramon.Status;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every remote's RAMON support must do, run against each remote's test server on a 64x64x16
 * annotation channel. Expected answers come from {@link RamonTestObjects} (written out by hand)
 * or are computed here from what was posted, never from the code under test.
 */
public abstract class RamonContract {

  /** The remote of a new, empty annotation channel on a started server. */
  protected abstract Remote remote();

  /** Restarts the server on the same state and reopens the channel; the new remote. */
  protected abstract Remote restart() throws Exception;

  /** Whether deleting an object clears its voxels (BOSS never clears a voxel). */
  protected boolean clearsVoxels() {
    return true;
  }

  @AfterEach
  void closeRemote() throws Exception {
    remote().close();
  }

  protected RamonRemote ramon() {
    return remote().ramon();
  }

  private static long[] ids(List<RamonObject> objects) {
    return objects.stream().mapToLong(RamonObject::id).toArray();
  }

  private static List<RamonObject> metadataOnly(List<RamonObject> l) {
    return l.stream().map(RamonObject::metadataOnly).toList();
  }

  @Test
  void everyTypeRoundTripsWithEveryField() {
    RamonRemote r = ramon();
    List<RamonObject> posted = RamonTestObjects.posted();
    assertArrayEquals(ids(posted), r.postRamon(posted, PostMode.OVERWRITE));
    assertEquals(RamonTestObjects.expected(), r.getRamon(ids(posted), RamonRead.metadata()));
    Map<Long, TreeSet<String>> truth = RamonTestObjects.voxelTruth();
    long[] notSeeds = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    for (RamonObject o : r.getRamon(notSeeds, RamonRead.voxels(0))) {
      assertEquals(truth.get(o.id()), o.voxels().map(RamonTestObjects::voxelSet)
          .orElseGet(TreeSet::new), "voxels of " + o.id());
      o.voxels().ifPresent(v -> assertInstanceOf(VoxelList.class, v));
    }
    long[] withVoxels = {2, 3, 4, 5, 6, 10, 12, 13, 14};
    List<RamonObject> cut = r.getRamon(withVoxels, RamonRead.cutout(0));
    for (RamonObject o : cut) {
      Cutout c = (Cutout) o.voxels().orElseThrow();
      assertEquals(truth.get(o.id()), RamonTestObjects.voxelSet(c), "cutout of " + o.id());
      assertEquals(RamonTestObjects.box(truth.get(o.id())), c.box(), "tight box of " + o.id());
      assertEquals(RamonTestObjects.expected().get((int) o.id() - 1), o.metadataOnly());
    }
    BoundingBox region = new BoundingBox(0, 4, 0, 4, 0, 2);
    Cutout c = (Cutout) r.getRamon(3, RamonRead.cutout(region)).voxels().orElseThrow();
    assertEquals(region, c.box());
    TreeSet<String> inRegion = new TreeSet<>(truth.get(3L));
    inRegion.removeIf(v -> !inside(region, v));
    assertEquals(inRegion, RamonTestObjects.voxelSet(c));
    for (long id : withVoxels) {
      assertEquals(Optional.of(RamonTestObjects.box(truth.get(id))), r.ramonBoundingBox(id, 0),
          "bounding box of " + id);
    }
    assertEquals(Optional.empty(), r.ramonBoundingBox(11, 0));
  }

  private static boolean inside(BoundingBox b, String voxel) {
    String[] p = voxel.split(",");
    return b.contains(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
  }

  @Test
  void newObjectsGetFreshIdsAndReservedIdsAreNeverReused() {
    RamonRemote r = ramon();
    r.postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    Remote.IdRange a = r.reserveIds(5);
    Remote.IdRange b = r.reserveIds(3);
    assertTrue(b.first() >= a.first() + 5 || a.first() >= b.first() + 3, a + " " + b);
    Generic g = new Generic(RamonTestObjects.common(0, Status.LOCKED), Optional.of(
        new VoxelList(0, new long[] {33, 3, 3})));
    long[] got = r.postRamon(List.of(g, g), PostMode.OVERWRITE);
    assertEquals(2, got.length);
    Set<Long> taken = new HashSet<>();
    for (long id = 1; id <= 14; id++) {
      taken.add(id);
    }
    for (long id = a.first(); id < a.first() + a.count(); id++) {
      taken.add(id);
    }
    for (long id = b.first(); id < b.first() + b.count(); id++) {
      taken.add(id);
    }
    assertFalse(taken.contains(got[0]) || taken.contains(got[1]) || got[0] == got[1]);
    RamonObject back = r.getRamon(got[1], RamonRead.voxels(0));
    assertEquals(g.withId(got[1]).metadataOnly(), back.metadataOnly());
    assertEquals(got[1], remote().labelAt(33, 3, 3, 0));
  }

  @Test
  void updatesReplaceMetadataAndDeletesForget() {
    RamonRemote r = ramon();
    r.postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    Segment s = (Segment) RamonTestObjects.posted().get(3);
    Segment changed = new Segment(s.common().with("group", "moved").with("new key", "a\nb"),
        SegmentClass.SOMA, 1, 2, List.of(), List.of(), Optional.empty());
    r.updateRamon(List.of(changed), PostMode.OVERWRITE);
    Segment back = (Segment) r.getRamon(4, RamonRead.metadata());
    assertEquals(SegmentClass.SOMA, back.segmentClass());
    assertEquals(changed.common(), back.common());
    assertEquals(List.of(5L), back.synapses());
    assertEquals(4, remote().labelAt(10, 10, 2, 0), "an update keeps the voxels");
    assertThrows(RamonNotFoundException.class,
        () -> r.updateRamon(List.of(Generic.of(999)), PostMode.OVERWRITE));

    r.deleteRamon(new long[] {12, 999});
    RamonNotFoundException e = assertThrows(RamonNotFoundException.class,
        () -> r.getRamon(12, RamonRead.metadata()));
    assertTrue(e.getMessage().contains("12") && !e.getMessage().contains("\n"), e.getMessage());
    assertThrows(RamonNotFoundException.class,
        () -> r.getRamon(new long[] {3, 12}, RamonRead.metadata()));
    if (clearsVoxels()) {
      assertEquals(0, remote().labelAt(51, 50, 10, 0));
    }
    assertFalse(contains(r.queryRamon(RamonQuery.ALL), 12));
  }

  private static boolean contains(long[] a, long v) {
    for (long x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  @Test
  void queriesMatchWhatWasPosted() {
    RamonRemote r = ramon();
    List<RamonObject> posted = RamonTestObjects.posted();
    r.postRamon(posted, PostMode.OVERWRITE);
    check(r, posted, RamonQuery.ALL, o -> true);
    check(r, posted, RamonQuery.ALL.withType(RamonType.SEGMENT),
        o -> o.type() == RamonType.SEGMENT);
    check(r, posted, RamonQuery.ALL.withType(RamonType.VOLUME),
        o -> o.type() == RamonType.VOLUME);
    check(r, posted, RamonQuery.ALL.withStatus(Status.LOCKED),
        o -> o.common().status() == Status.LOCKED);
    check(r, posted, RamonQuery.ALL.withConfidenceAbove(0.3),
        o -> o.common().confidence() > 0.3);
    check(r, posted, RamonQuery.ALL.withConfidenceBelow(0.3).withStatus(Status.PROCESSED),
        o -> o.common().confidence() < 0.3 && o.common().status() == Status.PROCESSED);
    check(r, posted, RamonQuery.ALL.with("group", "even"),
        o -> "even".equals(o.common().keyValues().get("group")));
    check(r, posted, RamonQuery.ALL.with("plain", "v7"), o -> o.id() == 7);
    check(r, posted, RamonQuery.ALL.with("quote \"q\"", "say \"hi\", then\r\nleave")
        .withType(RamonType.ROI), o -> o.type() == RamonType.ROI);
    BoundingBox box = new BoundingBox(0, 25, 0, 12, 0, 4);
    check(r, posted, RamonQuery.ALL.within(box), o -> o.voxels().isPresent()
        && RamonTestObjects.voxelSet(o.voxels().get()).stream().anyMatch(v -> inside(box, v)));
    long[] limited = r.queryRamon(RamonQuery.ALL.with("group", "odd").withLimit(3));
    assertEquals(3, limited.length);
    for (long id : limited) {
      assertEquals(1, id % 2, "id " + id + " is odd");
    }
  }

  private static void check(RamonRemote r, List<RamonObject> posted, RamonQuery q,
      Predicate<RamonObject> truth) {
    long[] want = posted.stream().filter(truth).mapToLong(RamonObject::id).sorted().toArray();
    assertArrayEquals(want, r.queryRamon(q), q.toString());
  }

  @Test
  void voxelConflictsFollowTheMode() {
    RamonRemote r = ramon();
    r.postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    long[] before = r.queryRamon(RamonQuery.ALL);
    // Voxel (21, 2, 0) belongs to synapse 5; (23, 2, 0) to nobody.
    VoxelList v = new VoxelList(0, new long[] {21, 2, 0, 23, 2, 0});
    RamonException e = assertThrows(RamonException.class, () -> r.postRamon(
        List.of(new Generic(RamonTestObjects.common(40, Status.LOCKED), Optional.of(v))),
        PostMode.EXCEPTION));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertArrayEquals(before, r.queryRamon(RamonQuery.ALL), "nothing stored");
    assertEquals(0, remote().labelAt(23, 2, 0, 0));
    r.postRamon(List.of(new Generic(RamonTestObjects.common(41, Status.LOCKED),
        Optional.of(v))), PostMode.PRESERVE);
    assertEquals(5, remote().labelAt(21, 2, 0, 0));
    assertEquals(41, remote().labelAt(23, 2, 0, 0));
    r.postRamon(List.of(new Generic(RamonTestObjects.common(42, Status.LOCKED),
        Optional.of(v))), PostMode.OVERWRITE);
    assertEquals(42, remote().labelAt(21, 2, 0, 0));
    assertEquals(42, remote().labelAt(23, 2, 0, 0));
  }

  @Test
  void badInputIsRefusedWholeWithOneLine() {
    RamonRemote r = ramon();
    r.postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    long[] before = r.queryRamon(RamonQuery.ALL);
    List<RamonObject> batch = new ArrayList<>();
    batch.add(new Generic(RamonTestObjects.common(50, Status.LOCKED), Optional.of(
        new VoxelList(0, new long[] {35, 35, 1}))));
    batch.add(new Segment(RamonTestObjects.common(51, Status.LOCKED), SegmentClass.AXON, 0, 77,
        List.of(), List.of(), Optional.empty()));
    RamonException e = assertThrows(RamonException.class,
        () -> r.postRamon(batch, PostMode.OVERWRITE));
    assertTrue(e.getMessage().contains("77") && !e.getMessage().contains("\n"), e.getMessage());
    assertArrayEquals(before, r.queryRamon(RamonQuery.ALL), "nothing stored");
    assertEquals(0, remote().labelAt(35, 35, 1, 0), "no voxel labelled");
    e = assertThrows(RamonException.class, () -> r.postRamon(
        List.of(Generic.of(3)), PostMode.OVERWRITE));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    assertThrows(RamonException.class, () -> r.postRamon(List.of(new Generic(
        RamonTestObjects.common(52, Status.LOCKED), Optional.of(new VoxelList(0,
        new long[] {64, 0, 0})))), PostMode.OVERWRITE));
    assertArrayEquals(before, r.queryRamon(RamonQuery.ALL), "nothing stored");
  }

  @Test
  void mergeRelabelsIntoTheFirst() {
    RamonRemote r = ramon();
    r.postRamon(RamonTestObjects.posted(), PostMode.OVERWRITE);
    r.mergeRamon(new long[] {12, 10}, 0);
    assertThrows(RamonNotFoundException.class, () -> r.getRamon(10, RamonRead.metadata()));
    assertEquals(12, remote().labelAt(41, 40, 8, 0));
    TreeSet<String> both = new TreeSet<>(RamonTestObjects.voxelTruth().get(12L));
    both.addAll(RamonTestObjects.voxelTruth().get(10L));
    assertEquals(both, RamonTestObjects.voxelSet(
        r.getRamon(12, RamonRead.voxels(0)).voxels().orElseThrow()));
  }

  @Test
  void aRestartedServerKeepsTheObjects() throws Exception {
    List<RamonObject> posted = RamonTestObjects.posted();
    ramon().postRamon(posted, PostMode.OVERWRITE);
    Remote again = restart();
    assertEquals(RamonTestObjects.expected(), again.ramon().getRamon(ids(posted),
        RamonRead.metadata()));
    assertEquals(RamonTestObjects.voxelTruth().get(3L), RamonTestObjects.voxelSet(
        again.ramon().getRamon(3, RamonRead.cutout(0)).voxels().orElseThrow()));
    long[] more = again.ramon().postRamon(List.of(Generic.of(0)), PostMode.OVERWRITE);
    assertTrue(more[0] > 14 || more[0] < 1, "a new id is not a stored one: " + more[0]);
  }

  /** Same objects with voxels stripped, for comparisons. */
  protected static List<RamonObject> stripped(List<RamonObject> l) {
    return metadataOnly(l);
  }
}
