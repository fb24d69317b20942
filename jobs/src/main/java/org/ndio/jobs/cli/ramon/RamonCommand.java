package org.ndio.jobs.cli.ramon;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ndio ramon ...}: RAMON annotation objects in files and on remotes. */
@Command(name = "ramon", mixinStandardHelpOptions = true,
    description = "RAMON annotation objects (synapses, segments, neurons, organelles...):"
        + " convert their files; post, get, query and delete them on remotes.",
    subcommands = {RamonConvertCommand.class, RamonPostCommand.class, RamonGetCommand.class,
        RamonIdsCommand.class, RamonDeleteCommand.class})
public final class RamonCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a subcommand: " + String.join(", ", spec.subcommands().keySet()));
  }
}
