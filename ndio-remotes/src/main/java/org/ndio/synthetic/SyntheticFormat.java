package org.ndio.synthetic;

import org.ndio.UnsupportedFeatureException;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;

/** The {@code synthetic:} scheme: procedural volumes with known truth, read-only. */
public final class SyntheticFormat implements VolumeFormat {
  @Override
  public String scheme() {
    return "synthetic";
  }

  @Override
  public String usage() {
    return "synthetic:cells?shape=X,Y,Z&chunks=X,Y,Z&seed=N  procedural EM-like cells of known"
        + " truth (synthetic:cells-labels?... their ids); generated on read, any size";
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    return new SyntheticReader(url.toString(), SyntheticSpec.parse(url));
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    throw new UnsupportedFeatureException(url + ": synthetic volumes are generated, not"
        + " written; write to a zarr: array instead");
  }
}
