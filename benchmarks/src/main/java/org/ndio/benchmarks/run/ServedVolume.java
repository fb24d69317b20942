package org.ndio.benchmarks.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ndio.remote.Remote;
import org.ndio.remote.boss.BossChannel;
import org.ndio.remote.boss.BossCollection;
import org.ndio.remote.boss.BossCoordFrame;
import org.ndio.remote.boss.BossExperiment;
import org.ndio.remote.boss.BossOptions;
import org.ndio.remote.boss.BossProject;
import org.ndio.remote.boss.BossRemote;
import org.ndio.remote.boss.BossUrl;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.dvid.DvidRemote;
import org.ndio.remote.dvid.DvidType;
import org.ndio.remote.dvid.DvidUrl;
import org.ndio.remote.http.Secret;
import org.ndio.remote.neurodata.NeuroDataOptions;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.remote.neurodata.NeuroDataUrl;
import org.ndio.remote.neurodata.WireFormat;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.serve.dvid.DvidHandler;
import org.ndio.serve.neurodata.NeuroDataHandler;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * A uint8 volume posted to one of ndio's embedded servers, and the client that reads it back
 * with the client's default request size and concurrency (which the plain-GET reference
 * copies). The server's protocol handler sits behind a {@link ReplayHandler}, so that the
 * answers of one fetch can be recorded and served again from memory.
 */
record ServedVolume(EmbeddedServer server, ReplayHandler replay, Remote remote,
    long requestBytes, int concurrency) implements AutoCloseable {

  /**
   * A system property that sets the clients' request size instead of their default (to see
   * how the figures move with it).
   */
  static final String REQUEST_BYTES = "ndio.bench.requestBytes";

  static ServedVolume start(String service, Path root, Volume v) throws Exception {
    return switch (service) {
      case "dvid" -> dvid(root, v);
      case "boss" -> boss(root, v);
      case "neurodata" -> neurodata(root, v, WireFormat.NPZ);
      case "neurodata-raw" -> neurodata(root, v, WireFormat.RAW);
      default -> throw new IllegalArgumentException(
          "dvid | boss | neurodata | neurodata-raw: " + service);
    };
  }

  @Override
  public void close() {
    remote.close();
    server.close();
  }

  private static ServedVolume dvid(Path root, Volume v) throws Exception {
    ReplayHandler replay = new ReplayHandler(new DvidHandler(root, Optional.empty(),
        DvidHandler.DEFAULT_COMPRESSOR));
    EmbeddedServer server = EmbeddedServer.start(replay, 0, FaultInjection.NONE);
    String uuid;
    try (DvidClient c = new DvidClient(URI.create(server.address()), Optional.empty(),
        DvidOptions.DEFAULT)) {
      uuid = c.createRepo("bench", "ndio benchmarks/run");
      c.createInstance(uuid, DvidType.UINT8BLK, "gray", Map.of());
    }
    DvidOptions o = DvidOptions.DEFAULT.withMaxRequestBytes(
        Long.getLong(REQUEST_BYTES, DvidOptions.DEFAULT.maxRequestBytes()));
    DvidRemote r = DvidRemote.open(DvidUrl.parse("dvid+http://127.0.0.1:" + server.port()
        + "/" + uuid + "/gray"), Optional.empty(), o);
    r.postCutout(0, 0, 0, 0, v);
    r.refresh();
    return new ServedVolume(server, replay, r, o.maxRequestBytes(), o.concurrency());
  }

  private static ServedVolume boss(Path root, Volume v) throws Exception {
    ReplayHandler replay = new ReplayHandler(new BossServer(root, Optional.empty(),
        BossServerConfig.DEFAULT));
    EmbeddedServer server = EmbeddedServer.start(replay, 0, FaultInjection.NONE);
    String host = "boss+http://127.0.0.1:" + server.port();
    BoundingBox all = BoundingBox.ofShape(v.sizeX(), v.sizeY(), v.sizeZ());
    try (BossProject p = BossProject.connect(host, Optional.empty(), BossOptions.DEFAULT)) {
      p.createCollection(BossCollection.of("bench", ""));
      p.createCoordinateFrame(BossCoordFrame.of("bench", all,
          new VoxelSize(4, 4, 40, "nanometer")));
      p.createExperiment(BossExperiment.of("em", "bench", "bench", 1, "anisotropic"));
      p.createChannel("bench", "em", BossChannel.of("raw", "image", "uint8"));
    }
    BossOptions o = BossOptions.DEFAULT.withMaxRequestBytes(
        Long.getLong(REQUEST_BYTES, BossOptions.DEFAULT.maxRequestBytes()));
    BossRemote r = BossRemote.open(BossUrl.parse(host + "/bench/em/raw"), Optional.empty(), o);
    r.postCutout(0, 0, 0, 0, v);
    return new ServedVolume(server, replay, r, o.maxRequestBytes(), o.concurrency());
  }

  /** NeuroData, its cutouts read in {@code format} (the default, npz, or its raw service). */
  private static ServedVolume neurodata(Path root, Volume v, WireFormat format)
      throws Exception {
    Secret key = Secret.of("bench-key");
    ReplayHandler replay = new ReplayHandler(new NeuroDataHandler(root, Optional.of(key)));
    EmbeddedServer server = EmbeddedServer.start(replay, 0, FaultInjection.NONE);
    String json = "{\"dataset\": {\"dataset_name\": \"bench\", \"imagesize\": [" + v.sizeX()
        + ", " + v.sizeY() + ", " + v.sizeZ() + "], \"voxelres\": [4.0, 4.0, 40.0],"
        + " \"scalinglevels\": 0}, \"project\": {\"project_name\": \"bench\"}, \"channels\":"
        + " {\"em\": {\"channel_name\": \"em\", \"datatype\": \"uint8\", \"channel_type\":"
        + " \"image\", \"data_url\": \"\", \"file_format\": \"SLICE\", \"file_type\": \"tif\"}},"
        + " \"metadata\": {}}";
    HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(server.address() + "/nd/sd/autoIngest/"))
        .header("Authorization", "Token " + key.reveal())
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (made.statusCode() != 200) {
      throw new IllegalStateException("autoIngest: " + made.body());
    }
    NeuroDataOptions o = NeuroDataOptions.DEFAULT.withFormat(format).withPieceBytes(
        Long.getLong(REQUEST_BYTES, NeuroDataOptions.DEFAULT.pieceBytes()));
    NeuroDataRemote r = new NeuroDataRemote(NeuroDataUrl.parse("neurodata+http://127.0.0.1:"
        + server.port() + "/bench/em"), Optional.of(key), o);
    r.postCutout(0, 0, 0, v);
    return new ServedVolume(server, replay, r, o.pieceBytes(), o.concurrency());
  }
}
