package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.ramon.Generic;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.Status;
import org.ndio.ramon.VoxelList;
import org.ndio.remote.PostMode;
import org.ndio.remote.RamonContract;
import org.ndio.remote.RamonQuery;
import org.ndio.remote.RamonRead;
import org.ndio.remote.RamonTestObjects;
import org.ndio.remote.Remote;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.serve.FaultInjection;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** RAMON through ndstore's object services, against ndio's NeuroData server. */
class RamonNeuroDataTest extends RamonContract {

  static final NeuroDataOptions FAST = NeuroDataOptions.DEFAULT.withRetry(new RetryPolicy(12,
      Duration.ofMillis(1), Duration.ofMillis(20)));

  @TempDir
  Path dir;
  NeuroDataFixture f;
  NeuroDataRemote remote;

  @BeforeEach
  void start() throws Exception {
    f = NeuroDataFixture.start(dir);
    f.create("proj", "anno", Volume.allocate(DataType.UINT32, 64, 64, 16), FAST);
    remote = f.open("proj", "anno", FAST);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Override
  protected Remote remote() {
    return remote;
  }

  @Override
  protected Remote restart() throws Exception {
    remote.close();
    f.close();
    f = NeuroDataFixture.start(dir);
    remote = f.open("proj", "anno", FAST);
    return remote;
  }

  private static List<RamonObject> generics(int n) {
    List<RamonObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Generic(RamonTestObjects.common(0, Status.values()[i % 4]), Optional.of(
          new VoxelList(0, new long[] {i % 64, i / 64, 7}))));
    }
    return out;
  }

  @Test
  void smallBatchesCarryEverything() {
    NeuroDataRamon r = remote.ramon(3);
    List<RamonObject> posted = RamonTestObjects.posted();
    long[] ids = r.postRamon(posted, PostMode.OVERWRITE);
    assertEquals(RamonTestObjects.expected(), r.getRamon(ids, RamonRead.metadata()));
    long[] more = r.postRamon(generics(20), PostMode.OVERWRITE);
    assertEquals(20, more.length);
    List<RamonObject> back = r.getRamon(more, RamonRead.voxels(0));
    for (int i = 0; i < 20; i++) {
      assertEquals(i % 64 + "," + i / 64 + ",7", RamonTestObjects.voxelSet(
          back.get(i).voxels().orElseThrow()).first());
    }
    assertEquals(34, r.queryRamon(RamonQuery.ALL).length);
  }

  @Test
  void faultsChangeNothingAndDuplicateNothing() throws Exception {
    f.close();
    f = NeuroDataFixture.start(dir, Optional.of(NeuroDataFixture.KEY),
        FaultInjection.evenly(0.2, 42));
    remote.close();
    remote = f.open("proj", "anno", FAST);
    NeuroDataRamon r = remote.ramon(4);
    List<RamonObject> posted = RamonTestObjects.posted();
    assertArrayEquals(posted.stream().mapToLong(RamonObject::id).toArray(),
        r.postRamon(posted, PostMode.OVERWRITE));
    long[] more = r.postRamon(generics(24), PostMode.OVERWRITE);
    assertEquals(RamonTestObjects.expected(), r.getRamon(posted.stream()
        .mapToLong(RamonObject::id).toArray(), RamonRead.metadata()));
    long[] all = r.queryRamon(RamonQuery.ALL);
    assertEquals(14 + 24, all.length, "no object stored twice");
    for (long id : more) {
      assertTrue(java.util.Arrays.binarySearch(all, id) >= 0);
    }
    assertTrue(remote.requestStats().retries() > 0);
  }
}
