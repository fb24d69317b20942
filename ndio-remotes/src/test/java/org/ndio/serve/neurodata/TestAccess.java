package org.ndio.serve.neurodata;

import org.ndio.volume.Volume;

/** Package-private pieces of the server, for tests elsewhere. */
public final class TestAccess {

  private TestAccess() {}

  public static String idList(Volume v) {
    return CutoutService.idList(v);
  }
}
