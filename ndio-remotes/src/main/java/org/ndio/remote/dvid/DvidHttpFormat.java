package org.ndio.remote.dvid;

/** {@code dvid+http://HOST:PORT/UUID/INSTANCE}: the same as {@code dvid://}, spelled out. */
public final class DvidHttpFormat extends DvidFormat {
  public DvidHttpFormat() {
    super("dvid+http", DvidOptions.DEFAULT);
  }
}
