package org.ndio.store;

import java.util.List;
import org.ndio.format.hdf5.Hdf5Format;
import org.ndio.format.nifti.NiftiFormat;
import org.ndio.format.npy.NpyFormat;
import org.ndio.format.npy.NpzFormat;
import org.ndio.format.png.PngFormat;
import org.ndio.format.tiff.TiffFormat;
import org.ndio.format.zarr.ZarrFormat;
import org.ndio.remote.boss.BossFormat;
import org.ndio.remote.dvid.DvidFormat;
import org.ndio.remote.dvid.DvidHttpFormat;
import org.ndio.remote.dvid.DvidHttpsFormat;
import org.ndio.remote.neurodata.NeuroDataFormat;
import org.ndio.remote.neurodata.NeuroDataHttpFormat;
import org.ndio.synthetic.SyntheticFormat;

/** Every scheme ndio knows, in the order help texts list them. */
final class Formats {

  private static final List<VolumeFormat> ALL = List.of(new ZarrFormat(), new Hdf5Format(),
      new NpyFormat(), new NpzFormat(), new TiffFormat(), new PngFormat(), new NiftiFormat(),
      new BossFormat(), BossFormat.http(), new DvidFormat(), new DvidHttpFormat(),
      new DvidHttpsFormat(), new NeuroDataFormat(), new NeuroDataHttpFormat(), new SyntheticFormat());

  private Formats() {}

  static List<VolumeFormat> all() {
    return ALL;
  }
}
