package org.ndio.jobs.cli.ramon;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.io.RamonHdf5;
import org.ndio.ramon.io.RamonJson;
import org.ndio.ramon.io.TypeCodes;
import picocli.CommandLine;

/** A RAMON file named on the command line, its format told by its extension. */
public enum RamonFile {
  HDF5,
  JSON;

  /** The format of {@code file}: {@code .h5}/{@code .hdf5} or {@code .json}. */
  public static RamonFile of(Path file, CommandLine cli) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString()
        .toLowerCase(Locale.ROOT);
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      return HDF5;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    throw new CommandLine.ParameterException(cli, file + ": cannot tell the RAMON format;"
        + " name it .h5, .hdf5 or .json");
  }

  public List<RamonObject> read(Path file, TypeCodes codes) {
    return this == HDF5 ? RamonHdf5.read(file, codes) : RamonJson.read(file, codes);
  }

  /** Writes atomically; JSON holds voxels only when {@code withVoxels}. */
  public void write(List<RamonObject> objects, Path file, boolean withVoxels) {
    if (this == HDF5) {
      RamonHdf5.write(objects, file);
    } else {
      RamonJson.write(objects, withVoxels, file);
    }
  }
}
