package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.AccessDeniedException;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.InvalidUrlException;
import org.ndio.RemoteException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.Secret;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Every error a user can cause comes back typed, in one line naming the cause. */
class DvidErrorsTest {

  @TempDir
  Path dir;

  private static void oneLine(Exception e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static void write(DvidFixture f, String name, Volume v) {
    try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url(name)),
        VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ())),
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  @Test
  void aWrongOrMissingTokenIsAccessDeniedAndNeverShown() throws Exception {
    Secret right = Secret.of("right-token-4711");
    try (DvidFixture f = DvidFixture.start(dir, Optional.of(right), FaultInjection.NONE)) {
      try (DvidClient c = f.client()) {
        c.createInstance(f.root, DvidType.UINT8BLK, "gray", Map.of());
      }
      String url = f.url("gray");
      AccessDeniedException wrong = assertThrows(AccessDeniedException.class,
          () -> DvidRemote.open(url, Secret.of("wrong-token-0815")));
      assertEquals(401, wrong.status());
      assertTrue(wrong.getMessage().contains("invalid DSG token"), wrong.getMessage());
      assertFalse(wrong.getMessage().contains("wrong-token-0815"), wrong.getMessage());
      oneLine(wrong);
      AccessDeniedException none = assertThrows(AccessDeniedException.class,
          () -> DvidRemote.open(DvidUrl.parse(url), Optional.empty(), DvidOptions.DEFAULT));
      assertTrue(none.getMessage().contains("dsg token required"), none.getMessage());
      try (DvidRemote r = DvidRemote.open(url, right)) {
        assertEquals("uint8blk", r.instance().typeName());
        assertFalse(r.toString().contains("right-token"));
        assertFalse(r.client().toString().contains("right-token"));
      }
    }
  }

  @Test
  void missingNodesAndInstancesAreNotFound() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      VolumeNotFoundException instance = assertThrows(VolumeNotFoundException.class,
          () -> DvidRemote.open(f.url("nothere")));
      assertTrue(instance.getMessage().startsWith("no data instance 'nothere'"),
          instance.getMessage());
      oneLine(instance);
      VolumeNotFoundException node = assertThrows(VolumeNotFoundException.class,
          () -> DvidRemote.open(f.url("ffff", "gray")));
      assertTrue(node.getMessage().startsWith("no DVID version node matches UUID 'ffff'"),
          node.getMessage());
      VolumeNotFoundException append = assertThrows(VolumeNotFoundException.class,
          () -> new DvidHttpFormat().create(VolumeUrl.parse(f.url("nothere")),
              VolumeSpec.of(DataType.UINT8, new Size3(8, 8, 8)), WriteMode.APPEND));
      assertTrue(append.getMessage().contains("no such instance to append to"));
      assertThrows(VolumeNotFoundException.class, () -> new DvidHttpFormat().create(
          VolumeUrl.parse(f.url("abc", "new")), VolumeSpec.of(DataType.UINT8,
              new Size3(8, 8, 8)), WriteMode.ERROR_IF_EXISTS));
    }
  }

  @Test
  void boxesOutsideTheExtentAreRefusedBeforeAnyRequest() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      write(f, "gray", TestVolumes.random(DataType.UINT8, 40, 30, 20, 1));
      try (DvidRemote r = DvidRemote.open(f.url("gray"))) {
        long before = r.requestStats().requests();
        BoxOutOfBoundsException e = assertThrows(BoxOutOfBoundsException.class,
            () -> r.getCutout(new BoundingBox(30, 41, 0, 10, 0, 10)));
        assertTrue(e.getMessage().contains("30:41,0:10,0:10"), e.getMessage());
        assertTrue(e.getMessage().contains(r.url().toString()), e.getMessage());
        assertThrows(BoxOutOfBoundsException.class,
            () -> r.ids(new BoundingBox(-1, 5, 0, 5, 0, 5)));
        assertEquals(before, r.requestStats().requests());
        UnsupportedFeatureException level = assertThrows(UnsupportedFeatureException.class,
            () -> r.getCutout(new BoundingBox(0, 8, 0, 8, 0, 8, 1)));
        assertTrue(level.getMessage().contains("resolution level 1"), level.getMessage());
      }
      try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url("gray")),
          VolumeSpec.of(DataType.UINT8, new Size3(10, 10, 10)), WriteMode.APPEND)) {
        assertThrows(BoxOutOfBoundsException.class,
            () -> w.write(35, 0, 0, Volume.allocate(DataType.UINT8, 10, 10, 10)));
      }
    }
  }

  @Test
  void wrongVoxelTypesAreRefused() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      write(f, "gray", TestVolumes.random(DataType.UINT8, 16, 16, 16, 1));
      try (DvidRemote r = DvidRemote.open(f.url("gray"))) {
        DataTypeException e = assertThrows(DataTypeException.class,
            () -> r.postCutout(0, 0, 0, 0, Volume.allocate(DataType.UINT16, 4, 4, 4)));
        assertTrue(e.getMessage().contains("cannot post uint16 voxels into a uint8blk"),
            e.getMessage());
      }
      DataTypeException append = assertThrows(DataTypeException.class,
          () -> new DvidHttpFormat().create(VolumeUrl.parse(f.url("gray")),
              VolumeSpec.of(DataType.UINT64, new Size3(8, 8, 8)), WriteMode.APPEND));
      assertTrue(append.getMessage().contains("cannot append uint64 voxels to a uint8blk"),
          append.getMessage());
      DataTypeException noType = assertThrows(DataTypeException.class,
          () -> new DvidHttpFormat().create(VolumeUrl.parse(f.url("f64")),
              VolumeSpec.of(DataType.FLOAT64, new Size3(8, 8, 8)), WriteMode.ERROR_IF_EXISTS));
      assertTrue(noType.getMessage().contains("no instance type for float64"));
    }
  }

  @Test
  void writeModesFollowDvidsRules() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      write(f, "gray", TestVolumes.random(DataType.UINT8, 16, 16, 16, 1));
      VolumeUrl url = VolumeUrl.parse(f.url("gray"));
      VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(16, 16, 16));
      UnsupportedFeatureException over = assertThrows(UnsupportedFeatureException.class,
          () -> new DvidHttpFormat().create(url, spec, WriteMode.OVERWRITE));
      assertTrue(over.getMessage().contains("DVID instances are not replaced"));
      VolumeExistsException exists = assertThrows(VolumeExistsException.class,
          () -> new DvidHttpFormat().create(url, spec, WriteMode.ERROR_IF_EXISTS));
      assertTrue(exists.getMessage().contains("already exists (a uint8blk instance)"));
      InvalidBoxException blocks = assertThrows(InvalidBoxException.class,
          () -> new DvidHttpFormat().create(VolumeUrl.parse(f.url("seg")),
              VolumeSpec.of(DataType.UINT64, new Size3(8, 8, 8)).withChunks(new Size3(8, 8, 8)),
              WriteMode.ERROR_IF_EXISTS));
      assertTrue(blocks.getMessage().contains("multiples of 16"), blocks.getMessage());
    }
  }

  @Test
  void committedNodesAreReadOnly() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir)) {
      write(f, "gray", TestVolumes.random(DataType.UINT8, 32, 32, 32, 1));
      try (DvidRemote r = DvidRemote.open(f.url("gray"))) {
        r.client().commit(f.root, "frozen");
        RemoteException post = assertThrows(RemoteException.class,
            () -> r.postCutout(0, 0, 0, 0, Volume.allocate(DataType.UINT8, 32, 32, 32)));
        assertEquals(400, post.status());
        assertTrue(post.serverMessage().startsWith("Cannot do POST on endpoint \"raw\" of"
            + " locked node"), post.serverMessage());
      }
      LockedNodeException locked = assertThrows(LockedNodeException.class,
          () -> new DvidHttpFormat().create(VolumeUrl.parse(f.url("gray")),
              VolumeSpec.of(DataType.UINT8, new Size3(8, 8, 8)), WriteMode.APPEND));
      assertTrue(locked.getMessage().contains("is committed and read-only"));
    }
  }

  @Test
  void instancesWithoutVoxelsOrOfOtherKindsAreNamed() throws Exception {
    try (DvidFixture f = DvidFixture.start(dir); DvidClient c = f.client()) {
      c.createInstance(f.root, DvidType.UINT8BLK, "empty", Map.of());
      c.createInstance(f.root, DvidType.KEYVALUE, "kv", Map.of());
      try (DvidRemote r = DvidRemote.open(f.url("empty"))) {
        VolumeNotFoundException e = assertThrows(VolumeNotFoundException.class, r::info);
        assertTrue(e.getMessage().contains("holds no voxels yet"), e.getMessage());
      }
      UnsupportedFeatureException kv = assertThrows(UnsupportedFeatureException.class,
          () -> DvidRemote.open(f.url("kv")));
      assertTrue(kv.getMessage().contains("is a keyvalue instance"));
      String other = "aaaa" + "0".repeat(28);
      c.createRepo("a", "", Optional.of(other));
      c.createRepo("b", "", Optional.of("aaaa" + "0".repeat(27) + "1"));
      InvalidUrlException ambiguous = assertThrows(InvalidUrlException.class,
          () -> DvidRemote.open(f.url("aaaa", "x")));
      assertTrue(ambiguous.getMessage().contains("names more than one version node"));
    }
  }
}
