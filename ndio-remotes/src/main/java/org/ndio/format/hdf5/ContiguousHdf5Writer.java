package org.ndio.format.hdf5;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ndio.format.OffsetArrayWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;

/**
 * Writes a new HDF5 file holding one contiguous, unfiltered 3D {@code (z, y, x)} dataset (the
 * default of {@code hdf5:} targets) without jhdf: jhdf's writer takes only nested Java arrays
 * of the whole dataset and writes them a row at a time, and no maintained Java library writes
 * HDF5 without native code, so the file is laid out here by hand after the HDF5 File Format
 * Specification (see {@link Hdf5ContiguousLayout}). The layout is contiguous and its size known
 * up front, so blocks stream to their places ({@link OffsetArrayWriter}); {@link #commit()}
 * writes the superblock and object headers in front of them.
 */
final class ContiguousHdf5Writer extends OffsetArrayWriter {

  // See placeFor.
  private static final long RAW_ALIGNMENT = 64 << 10;

  private final List<String> segments;
  private final Map<String, Object> attributes;
  // Replaced (before anything is written) by the first raw write, to match its source's bytes.
  private Hdf5ContiguousLayout layout;

  ContiguousHdf5Writer(String where, Path target, VolumeSpec spec, WriteMode mode,
      String datasetPath, Map<String, Object> attributes) {
    super(where, target, spec, mode);
    this.segments = Hdf5Tree.segments(datasetPath);
    this.attributes = attributes;
    this.layout = new Hdf5ContiguousLayout(segments, spec.dtype(), spec.shape(), attributes);
  }

  /** Whether this writer can hold these attributes (else jhdf's writer is used). */
  static boolean canWrite(Map<String, Object> attributes) {
    return Hdf5ContiguousLayout.fits(attributes);
  }

  @Override
  protected long dataOffset() {
    return layout.dataAddress();
  }

  @Override
  protected byte[] header() {
    return layout.metadata();
  }

  /**
   * The dataset's address is free: it moves to the source's offset modulo 64 KiB, at the cost
   * of at most 64 KiB of unwritten (sparse) file before it.
   */
  @Override
  protected void placeFor(BoundingBox box, long sourceOffset) {
    VolumeSpec spec = spec();
    layout = new Hdf5ContiguousLayout(segments, spec.dtype(), spec.shape(), attributes,
        RAW_ALIGNMENT, sourceOffset - offsetInData(box));
  }
}
