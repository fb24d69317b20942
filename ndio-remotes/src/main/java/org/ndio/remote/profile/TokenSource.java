package org.ndio.remote.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.ProfileException;
import org.ndio.remote.http.Secret;

/**
 * Where a profile's token comes from: an environment variable ({@code token_env}), a file
 * holding only the token ({@code token_file}), or, discouraged, the profile itself ({@code
 * token}). At most one is set; with none, the remote's own variable ({@code NDIO_BOSS_TOKEN},
 * ...) is read. The token is read when a remote is opened, in the JVM that opens it (on a Spark
 * executor, from the executor's environment or file system).
 */
public record TokenSource(Optional<String> variable, Optional<Path> file,
    Optional<Secret> inline) {

  /** No token source of its own: the remote's default variable. */
  public static final TokenSource DEFAULT =
      new TokenSource(Optional.empty(), Optional.empty(), Optional.empty());

  /** The token, or empty if the variable is unset (anonymous access). */
  public Optional<Secret> resolve(RemoteKind kind) {
    if (inline.isPresent()) {
      return inline;
    }
    if (file.isPresent()) {
      return Optional.of(read(file.get()));
    }
    return Secret.fromEnvironment(variable.orElse(kind.tokenVariable()));
  }

  private static Secret read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      // The exception's own text is left out: it is the path again and the OS's reason.
      throw new ProfileException(path + ": cannot read the token file ("
          + e.getClass().getSimpleName() + ")");
    }
    if (text.isEmpty()) {
      throw new ProfileException(path + ": the token file is empty");
    }
    FilePermissions.warnIfShared(path, "token file");
    return Secret.of(text);
  }

  @Override
  public String toString() {
    return inline.isPresent() ? "token inline (***)" : file.map(f -> "token_file " + f)
        .orElse("token_env " + variable.orElse("(the remote's default)"));
  }
}
