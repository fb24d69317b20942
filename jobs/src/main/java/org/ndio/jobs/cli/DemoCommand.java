package org.ndio.jobs.cli;

import java.util.concurrent.Callable;
import org.ndio.jobs.demo.Demo;
import org.ndio.jobs.demo.DemoVolume;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio demo DIR}: writes the synthetic demo dataset with its known cell count. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Write a synthetic EM-like volume with labelled cells to DIR, a Zarr group"
        + " with arrays em (uint8) and labels (uint32). The true number of cells is stored in"
        + " their .zattrs (ndio_demo.cells) and printed.")
final class DemoCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "Where to write the Zarr group")
  String dir;

  @Option(names = "--shape", paramLabel = "X,Y,Z", defaultValue = "256,256,64",
      description = "Size in voxels (default ${DEFAULT-VALUE})")
  String shape;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--overwrite", description = "Replace existing arrays")
  boolean overwrite;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    DemoVolume d = Demo.write(dir, Size3.parse(shape), seed,
        overwrite ? WriteMode.OVERWRITE : WriteMode.ERROR_IF_EXISTS);
    Demo.Urls urls = Demo.urls(dir);
    spec.commandLine().getOut().printf(
        "wrote %s (uint8 EM, %dx%dx%d) and %s (uint32 labels): %d cells, seed %d,"
            + " cells are em >= %d%n", urls.em(), d.em().sizeX(), d.em().sizeY(),
        d.em().sizeZ(), urls.labels(), d.cells(), seed, DemoVolume.THRESHOLD);
    return 0;
  }
}
