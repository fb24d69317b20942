package org.ndio.remote.dvid;

/** {@code dvid+https://HOST[:PORT]/UUID/INSTANCE}: a DVID server behind a TLS proxy. */
public final class DvidHttpsFormat extends DvidFormat {
  public DvidHttpsFormat() {
    super("dvid+https", DvidOptions.DEFAULT);
  }
}
