package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.AccessDeniedException;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Every error a user can cause: typed, one line, naming the cause, never showing the key. */
class NeuroDataErrorsTest {

  @TempDir
  Path dir;

  NeuroDataFixture nd;
  final Volume v = TestVolumes.random(DataType.UINT8, 64, 48, 8, 11);

  @BeforeEach
  void start() throws Exception {
    nd = NeuroDataFixture.start(dir);
    nd.create("tok", "img", v, NeuroDataOptions.DEFAULT);
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    nd.close();
  }

  private static void oneLineWithout(NdioException e, String... secrets) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String s : secrets) {
      assertFalse(e.getMessage().contains(s), "message shows a secret: " + e.getMessage());
    }
  }

  @Test
  void aWrongKeyIsRefusedWithTheServersWordsAndTheKeyNeverShows() {
    Secret wrong = Secret.of("wr0ng-k3y-value");
    AccessDeniedException e = assertThrows(AccessDeniedException.class,
        () -> new NeuroDataRemote(nd.parsed("tok", "img"), Optional.of(wrong),
            NeuroDataOptions.DEFAULT.withRetry(RetryPolicy.NONE)));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("Authentication credentials were not provided"),
        e.getMessage());
    assertTrue(e.getMessage().contains("/nd/sd/tok/info/"), e.getMessage());
    oneLineWithout(e, wrong.reveal(), NeuroDataFixture.KEY.reveal());
    // Without any key: the same refusal.
    assertThrows(AccessDeniedException.class, () -> new NeuroDataRemote(
        nd.parsed("tok", "img"), Optional.empty(), NeuroDataOptions.DEFAULT));
  }

  @Test
  void cutoutsWithoutTheKeyAreRefusedWith403AsNdstoresRestFrameworkDoes() throws Exception {
    var r = nd.get("tok/img/npz/0/0,8/0,8/0,8/", false);
    assertEquals(403, r.statusCode());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}",
        new String(r.body(), StandardCharsets.UTF_8));
    var info = nd.get("tok/info/", false);
    assertEquals(401, info.statusCode());
    assertEquals("Token", info.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void aMissingChannelOrProjectIsNotFoundNamingIt() {
    VolumeNotFoundException c = assertThrows(VolumeNotFoundException.class,
        () -> nd.open("tok", "nope"));
    assertTrue(c.getMessage().contains("has no channel 'nope' (channels: img)"),
        c.getMessage());
    oneLineWithout(c, NeuroDataFixture.KEY.reveal());
    VolumeNotFoundException p = assertThrows(VolumeNotFoundException.class,
        () -> nd.open("missing", "img"));
    assertTrue(p.getMessage().contains("Token missing does not exist"), p.getMessage());
    oneLineWithout(p, NeuroDataFixture.KEY.reveal());
  }

  @Test
  void boxesOutsideTheFrameAreRefusedBeforeAnyRequest() {
    try (NeuroDataRemote r = nd.open("tok", "img")) {
      long before = r.requestStats().requests();
      BoxOutOfBoundsException e = assertThrows(BoxOutOfBoundsException.class,
          () -> r.getCutout(new BoundingBox(60, 70, 0, 8, 0, 8)));
      assertTrue(e.getMessage().contains("60:70,0:8,0:8") && e.getMessage().contains("0:64"),
          e.getMessage());
      assertThrows(BoxOutOfBoundsException.class, () -> r.postCutout(0, 0, 7,
          Volume.allocate(DataType.UINT8, 4, 4, 2)));
      assertThrows(BoxOutOfBoundsException.class, () -> r.labelAt(0, 48, 0, 0));
      NdioException level = assertThrows(NdioException.class,
          () -> r.getCutout(new BoundingBox(0, 8, 0, 8, 0, 8, 3)));
      assertTrue(level.getMessage().contains("no resolution level 3"), level.getMessage());
      assertEquals(before, r.requestStats().requests());
    }
  }

  @Test
  void uploadsOfAnotherTypeAreRefused() {
    try (NeuroDataRemote r = nd.open("tok", "img")) {
      DataTypeException e = assertThrows(DataTypeException.class,
          () -> r.postCutout(0, 0, 0, Volume.allocate(DataType.UINT16, 4, 4, 4)));
      assertTrue(e.getMessage().contains("uint16") && e.getMessage().contains("uint8"),
          e.getMessage());
    }
    VolumeSpec spec16 = VolumeSpec.of(DataType.UINT16, new Size3(64, 48, 8));
    assertThrows(DataTypeException.class, () -> NeuroDataFormat.create(nd.parsed("tok", "img"),
        nd.key, NeuroDataOptions.DEFAULT, spec16, WriteMode.APPEND));
    VolumeSpec spec64 = VolumeSpec.of(DataType.FLOAT64, new Size3(64, 48, 8));
    assertThrows(DataTypeException.class, () -> NeuroDataFormat.create(nd.parsed("tok", "f"),
        nd.key, NeuroDataOptions.DEFAULT, spec64, WriteMode.CREATE_OR_APPEND));
  }

  @Test
  void writeModesAreHonoured() {
    VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(64, 48, 8));
    assertThrows(VolumeExistsException.class, () -> NeuroDataFormat.create(
        nd.parsed("tok", "img"), nd.key, NeuroDataOptions.DEFAULT, spec,
        WriteMode.ERROR_IF_EXISTS));
    UnsupportedFeatureException o = assertThrows(UnsupportedFeatureException.class,
        () -> NeuroDataFormat.create(nd.parsed("tok", "img"), nd.key, NeuroDataOptions.DEFAULT,
            spec, WriteMode.OVERWRITE));
    assertTrue(o.getMessage().contains("not replaced"), o.getMessage());
    assertThrows(VolumeNotFoundException.class, () -> NeuroDataFormat.create(
        nd.parsed("tok", "newchan"), nd.key, NeuroDataOptions.DEFAULT, spec, WriteMode.APPEND));
    assertThrows(VolumeNotFoundException.class, () -> NeuroDataFormat.create(
        nd.parsed("newtok", "c"), nd.key, NeuroDataOptions.DEFAULT, spec, WriteMode.APPEND));
    // A new channel in the existing project, made through autoIngest with its dataset.
    NeuroDataFormat.create(nd.parsed("tok", "second"), nd.key, NeuroDataOptions.DEFAULT, spec,
        WriteMode.ERROR_IF_EXISTS).close();
    try (NeuroDataRemote r = nd.open("tok", "second")) {
      assertEquals(BoundingBox.ofShape(64, 48, 8), r.info().extent());
    }
  }

  @Test
  void malformedUrlsNameTheExpectedForm() {
    InvalidUrlException e = assertThrows(InvalidUrlException.class,
        () -> NeuroDataUrl.parse("neurodata://host/only-token"));
    assertTrue(e.getMessage().contains("HOST[:PORT]/TOKEN/CHANNEL"), e.getMessage());
    assertEquals("https://h.org:8443/nd/sd/", NeuroDataUrl.parse("neurodata://h.org:8443/t/c")
        .base().toString());
  }

  @Test
  void serverErrorsReachTheUserAsItsOwnWords() throws Exception {
    // A post whose shape disagrees with its box: ndstore's message, repr quotes removed.
    var body = NpzBody.encode(Volume.allocate(DataType.UINT8, 4, 4, 4), 1);
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(nd.server.address()
            + "/nd/sd/tok/img/npz/0/0,8/0,4/0,4/"))
        .header("Authorization", "Token " + NeuroDataFixture.KEY.reveal())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    var resp = NeuroDataFixture.send(req);
    assertEquals(404, resp.statusCode());
    assertEquals("POST transaction rollback. 'The data has mismatched dimensions (4, 4, 4)"
        + " compared to the arguments [8, 4, 4]'", resp.body());
    assertEquals(resp.body(), NeuroDataErrors.read(resp.body()));
    assertEquals("Token x does not exist.", NeuroDataErrors.read("'\"Token x does not exist.\"'"));
    assertEquals("Channel a already exists.",
        NeuroDataErrors.read("\"Channel a already exists.\""));
    assertEquals("Method \"GET\" not allowed.",
        NeuroDataErrors.read("{\"detail\":\"Method \\\"GET\\\" not allowed.\"}"));
    try (NeuroDataRemote r = nd.open("tok", "img")) {
      assertThrows(UnsupportedFeatureException.class, () -> r.reserveIds(5));
    }
    var reserve = NeuroDataFixture.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(nd.server.address() + "/nd/sd/tok/img/reserve/5/"))
        .header("Authorization", "Token " + NeuroDataFixture.KEY.reveal())
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(404, reserve.statusCode());
    assertEquals("Illegal project type for reserve.", reserve.body());
    // A post the server refuses is a RemoteException with its words, not "not found".
    try (NeuroDataRemote r = nd.open("tok", "img", NeuroDataOptions.DEFAULT.withFormat(
        WireFormat.HDF5))) {
      Volume ok = Volume.allocate(DataType.UINT8, 4, 4, 4);
      ok.fill(7L);
      ok.setLong(1, 2, 3, 200);
      r.postCutout(0, 0, 0, ok);
      assertEquals(ok, r.getCutout(new BoundingBox(0, 4, 0, 4, 0, 4)));
    }
  }
}
