package org.ndio.remote.neurodata;

/** {@code neurodata+http://HOST[:PORT]/TOKEN/CHANNEL}: {@link NeuroDataFormat} over plain HTTP. */
public final class NeuroDataHttpFormat extends NeuroDataFormat {

  public NeuroDataHttpFormat() {
    super(NeuroDataUrl.HTTP_SCHEME);
  }
}
