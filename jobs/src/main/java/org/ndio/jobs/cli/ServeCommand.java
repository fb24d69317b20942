package org.ndio.jobs.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ndio.NdioException;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ndio serve boss|dvid|neurodata}: a local server speaking a datastore's protocol, for
 * working offline and for notebooks; its state stays under {@code --root}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the BOSS, DVID or NeuroData (ndstore) protocol on 127.0.0.1, keeping"
        + " all data under --root (a restarted server keeps it). Point ndio at it with"
        + " boss+http://127.0.0.1:PORT/..., dvid+http://... or neurodata+http://....")
final class ServeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "boss|dvid|neurodata", description = "The protocol to serve")
  String kind;

  @Option(names = "--root", required = true, paramLabel = "DIR", description = "State directory")
  Path root;

  @Option(names = "--port", defaultValue = "0", description = "Port (0: any free port)")
  int port;

  @Option(names = "--token", paramLabel = "T",
      description = "Require this token, as the real service refuses requests without it"
          + " (others on this machine can read it in the process list: prefer --token-env)")
  String tokenValue;

  @Option(names = "--token-env", paramLabel = "VAR",
      description = "Require the token in this environment variable, as the real service"
          + " refuses requests without it (a token on the command line would show in ps)")
  String tokenEnv;

  @Option(names = "--fault-rate", defaultValue = "0", paramLabel = "R",
      description = "Fail this share of requests (503, dropped connection, cut body), to"
          + " try clients' retries")
  double faultRate;

  @Option(names = "--fault-seed", defaultValue = "1", description = "Seed of the faults")
  long faultSeed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<Secret> token = Optional.ofNullable(tokenValue).map(Secret::of);
    if (tokenEnv != null) {
      token = Optional.of(Secret.fromEnvironment(tokenEnv).orElseThrow(() ->
          new NdioException("--token-env " + tokenEnv + ": the variable is not set")));
    }
    FaultInjection faults = faultRate > 0 ? FaultInjection.evenly(faultRate, faultSeed)
        : FaultInjection.NONE;
    EmbeddedServer server = switch (kind) {
      case "boss" -> BossServer.start(root, port, token, faults);
      case "dvid" -> DvidServer.start(root, port, token, faults);
      case "neurodata" -> NeuroDataServer.start(root, port, token, faults);
      default -> throw new NdioException("serve: unknown protocol '" + kind
          + "' (boss, dvid or neurodata)");
    };
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    spec.commandLine().getOut().printf("serving %s on %s (root %s%s); Ctrl-C to stop%n", kind,
        server.address(), root.toAbsolutePath(), token.isPresent() ? ", token required" : "");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
