package org.ndio.jobs.cli.ramon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.Ndio;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.RamonHdf5;
import org.ndio.ramon.io.RamonJson;
import org.ndio.remote.RamonTestObjects;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** {@code ndio ramon post|get|ids|delete} against ndio's NeuroData server. */
class RamonRemoteCommandsTest {

  @TempDir
  Path dir;
  EmbeddedServer server;
  String url;

  record Run(int status, String out, String err) {}

  static Run ndio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Ndio.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @BeforeEach
  void start() throws Exception {
    server = NeuroDataServer.start(dir.resolve("server"), 0, Optional.empty(),
        FaultInjection.NONE);
    url = "neurodata+http://127.0.0.1:" + server.port() + "/proj/anno";
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(DataType.UINT32,
        new Size3(64, 64, 16)), WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, Volume.allocate(DataType.UINT32, 64, 64, 16));
      w.commit();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void oneLineError(Run r, String... words) {
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.err().startsWith("ndio: error: ") && r.err().strip().lines().count() == 1,
        r.err());
    for (String w : words) {
      assertTrue(r.err().contains(w), r.err());
    }
  }

  @Test
  void postGetQueryDelete() throws Exception {
    List<RamonObject> posted = RamonTestObjects.posted();
    Path h5 = dir.resolve("objects.h5");
    RamonHdf5.write(posted, h5);
    Run post = ndio("ramon", "post", url, h5.toString(), "--batch", "4");
    assertEquals(0, post.status(), post.err());
    assertEquals(posted.stream().map(o -> Long.toString(o.id())).collect(Collectors.joining(",")),
        post.out().strip());

    Run get = ndio("ramon", "get", url, "2,3,4,5");
    assertEquals(0, get.status(), get.err());
    assertEquals(RamonTestObjects.expected().subList(1, 5),
        RamonJson.read(get.out(), "stdout"));

    Run voxels = ndio("ramon", "get", url, "3,6", "--voxels");
    assertEquals(0, voxels.status(), voxels.err());
    List<RamonObject> v = RamonJson.read(voxels.out(), "stdout");
    assertEquals(RamonTestObjects.voxelTruth().get(3L),
        RamonTestObjects.voxelSet(v.get(0).voxels().orElseThrow()));
    assertEquals(RamonTestObjects.voxelTruth().get(6L),
        RamonTestObjects.voxelSet(v.get(1).voxels().orElseThrow()));

    Path out = dir.resolve("cut.h5");
    Run cut = ndio("ramon", "get", url, "12", "--cutout", "--out", out.toString());
    assertEquals(0, cut.status(), cut.err());
    Cutout c = (Cutout) RamonHdf5.read(out).get(0).voxels().orElseThrow();
    assertEquals(RamonTestObjects.voxelTruth().get(12L), RamonTestObjects.voxelSet(c));

    Run ids = ndio("ramon", "ids", url, "--type", "segment");
    assertEquals(List.of("3", "4"), ids.out().strip().lines().toList(), ids.err());
    Run kv = ndio("ramon", "ids", url, "--key", "group", "--value", "even", "--status",
        "locked", "--confidence-gt", "0.2");
    long[] want = posted.stream().filter(o -> o.id() % 2 == 0
        && o.common().status().name().equals("LOCKED") && o.common().confidence() > 0.2)
        .mapToLong(RamonObject::id).toArray();
    assertEquals(Arrays.stream(want).mapToObj(Long::toString).toList(),
        kv.out().strip().lines().toList(), kv.err());

    Run del = ndio("ramon", "delete", url, "12,13");
    assertEquals(0, del.status(), del.err());
    oneLineError(ndio("ramon", "get", url, "12"), "no RAMON object 12");
    Run left = ndio("ramon", "ids", url);
    assertEquals(12, left.out().strip().lines().count(), left.out());
  }

  @Test
  void badInputIsOneLineAndStoresNothing() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"1\": {\"ann_type\": 1, \"ann_status\": ", StandardCharsets.UTF_8);
    oneLineError(ndio("ramon", "post", url, broken.toString()), "broken.json");
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "{\"5\": {\"ann_id\": 5, \"ann_type\": 42}}",
        StandardCharsets.UTF_8);
    oneLineError(ndio("ramon", "post", url, unknown.toString()), "42");
    Path link = dir.resolve("link.json");
    Files.writeString(link, "{\"5\": {\"ann_id\": 5, \"ann_type\": 4, \"seg_neuron\": 9}}",
        StandardCharsets.UTF_8);
    oneLineError(ndio("ramon", "post", url, link.toString()), "9");
    Path garbage = dir.resolve("garbage.h5");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
    oneLineError(ndio("ramon", "post", url, garbage.toString()), "garbage.h5");
    Run usage = ndio("ramon", "get", url, "1,x");
    assertEquals(2, usage.status(), usage.err());
    assertTrue(usage.err().contains("'1,x' is not a list of RAMON ids"), usage.err());
    assertEquals("", ndio("ramon", "ids", url).out().strip(), "nothing stored");
    assertEquals(2, ndio("ramon", "get", url, "1", "--cutout", "--voxels").status());
  }
}
