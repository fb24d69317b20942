package org.ndio.remote.neurodata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** A NeuroData server under a test's directory, and ways to reach it. */
final class NeuroDataFixture implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final Secret KEY = Secret.of("k3y-0f-th3-t3st-us3r");

  final EmbeddedServer server;
  final Optional<Secret> key;

  private NeuroDataFixture(EmbeddedServer server, Optional<Secret> key) {
    this.server = server;
    this.key = key;
  }

  /** A server that wants {@link #KEY}. */
  static NeuroDataFixture start(Path root) throws IOException {
    return start(root, Optional.of(KEY), FaultInjection.NONE);
  }

  static NeuroDataFixture start(Path root, Optional<Secret> key, FaultInjection faults)
      throws IOException {
    return new NeuroDataFixture(NeuroDataServer.start(root, 0, key, faults), key);
  }

  /** {@code neurodata+http://127.0.0.1:PORT/TOKEN/CHANNEL}. */
  String url(String token, String channel) {
    return NeuroDataUrl.HTTP_SCHEME + "://127.0.0.1:" + server.port() + "/" + token + "/"
        + channel;
  }

  NeuroDataUrl parsed(String token, String channel) {
    return NeuroDataUrl.parse(url(token, channel));
  }

  NeuroDataRemote open(String token, String channel, NeuroDataOptions options) {
    return new NeuroDataRemote(parsed(token, channel), key, options);
  }

  NeuroDataRemote open(String token, String channel) {
    return open(token, channel, NeuroDataOptions.DEFAULT);
  }

  /** Creates the channel (and project) holding {@code v} at (0, 0, 0). */
  void create(String token, String channel, Volume v, NeuroDataOptions options) {
    VolumeSpec spec = VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
    try (VolumeWriter w = NeuroDataFormat.create(parsed(token, channel), key, options, spec,
        WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  /** Posts an autoIngest document as it is, with the key. */
  HttpResponse<String> autoIngest(String json) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.address() + "/nd/sd/autoIngest/"))
        .header("Authorization", "Token " + KEY.reveal())
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A plain GET of {@code /nd/sd/PATH}, with the key when {@code withKey}. */
  HttpResponse<byte[]> get(String path, boolean withKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.address() + "/nd/sd/" + path));
    if (withKey) {
      b.header("Authorization", "Token " + KEY.reveal());
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> send(HttpRequest r) throws Exception {
    return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** An autoIngest document for one channel. */
  static String ingestJson(String token, String channel, String datatype, String type,
      String imagesize, String offset, String voxelres, int levels) {
    return "{\"dataset\": {\"dataset_name\": \"" + token + "\", \"imagesize\": [" + imagesize
        + "], \"offset\": [" + offset + "], \"voxelres\": [" + voxelres + "],"
        + " \"scalinglevels\": " + levels + ", \"scaling\": 0},"
        + " \"project\": {\"project_name\": \"" + token + "\", \"token_name\": \"" + token
        + "\"}, \"channels\": {\"" + channel + "\": {\"channel_name\": \"" + channel
        + "\", \"datatype\": \"" + datatype + "\", \"channel_type\": \"" + type
        + "\", \"data_url\": \"\", \"file_format\": \"SLICE\", \"file_type\": \"tif\"}},"
        + " \"metadata\": {}}";
  }

  @Override
  public void close() {
    server.close();
  }
}
