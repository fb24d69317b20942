package org.ndio.remote.boss;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.RamonContract;
import org.ndio.remote.Remote;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;

/**
 * RAMON on BOSS, mapped onto an annotation channel's voxels and its {@code /meta} key-values
 * ({@code ramon:ID} keys holding the flat JSON form).
 */
class RamonBossTest extends RamonContract {

  @TempDir
  Path dir;
  BossFixture f;
  BossRemote remote;

  @BeforeEach
  void start() throws Exception {
    f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN));
    f.channel("col", "exp", "seg", DataType.UINT64, BoundingBox.ofShape(64, 64, 16), 1,
        "isotropic");
    remote = f.open("col", "exp", "seg", BossFixture.FAST);
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
    f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN));
    remote = f.open("col", "exp", "seg", BossFixture.FAST);
    return remote;
  }

  /** A post of zeros leaves BOSS voxels as they were, so deletes cannot clear them. */
  @Override
  protected boolean clearsVoxels() {
    return false;
  }
}
