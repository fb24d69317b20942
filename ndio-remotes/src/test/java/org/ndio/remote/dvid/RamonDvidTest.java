package org.ndio.remote.dvid;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.RamonContract;
import org.ndio.remote.Remote;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * RAMON on DVID, mapped onto a labelmap instance's labels and the {@code seg_meta} keyvalue
 * instance beside it ({@code ramon:ID} keys holding the flat JSON form).
 */
class RamonDvidTest extends RamonContract {

  @TempDir
  Path dir;
  DvidFixture f;
  DvidRemote remote;

  @BeforeEach
  void start() throws Exception {
    f = DvidFixture.start(dir);
    try (DvidClient c = f.client()) {
      c.createInstance(f.root, DvidType.fromTypeName("labelmap").orElseThrow(), "seg",
          Map.of("BlockSize", "16,16,16"));
    }
    try (VolumeWriter w = new DvidHttpFormat().create(VolumeUrl.parse(f.url("seg")),
        VolumeSpec.of(DataType.UINT64, new Size3(64, 64, 16)), WriteMode.APPEND)) {
      w.write(0, 0, 0, Volume.allocate(DataType.UINT64, 64, 64, 16));
      w.commit();
    }
    remote = DvidRemote.open(f.url("seg"));
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
    f = DvidFixture.restart(dir, f.root, Optional.empty(), FaultInjection.NONE);
    remote = DvidRemote.open(f.url("seg"));
    return remote;
  }
}
