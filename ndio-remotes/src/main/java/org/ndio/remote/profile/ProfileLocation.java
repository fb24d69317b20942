package org.ndio.remote.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.ProfileException;

/**
 * Where the profile file is, first found wins: a file named for this use (the CLI's {@code
 * --profiles FILE}, the Spark source's {@code profiles} option or a URL's {@code
 * ?profiles=FILE}), the {@code ndio.profiles} system property, the {@code NDIO_PROFILES}
 * environment variable, {@code conf/ndio.yaml} beside the launcher (the {@code ndio.home}
 * system property, which {@code ./ndio} sets), then {@code ~/.ndio/ndio.yaml}. A file named
 * in any of the first three ways must exist; the last two are used when present.
 */
public final class ProfileLocation {

  /** The system property naming the profile file. */
  public static final String PROPERTY = "ndio.profiles";

  /** The environment variable naming the profile file. */
  public static final String VARIABLE = "NDIO_PROFILES";

  private ProfileLocation() {}

  /** The profile file to use, if any. */
  public static Optional<Path> find(Optional<String> named) {
    Optional<String> given = named.filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank()))
        .or(() -> Optional.ofNullable(System.getenv(VARIABLE)).filter(s -> !s.isBlank()));
    if (given.isPresent()) {
      Path p = Path.of(given.get().strip());
      if (!Files.isRegularFile(p)) {
        throw new ProfileException(p + ": no such profile file");
      }
      return Optional.of(p);
    }
    String home = System.getProperty("ndio.home");
    if (home != null) {
      Path p = Path.of(home, "conf", "ndio.yaml");
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    Path user = Path.of(System.getProperty("user.home"), ".ndio", "ndio.yaml");
    return Files.isRegularFile(user) ? Optional.of(user) : Optional.empty();
  }
}
