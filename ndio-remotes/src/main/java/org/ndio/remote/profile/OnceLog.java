package org.ndio.remote.profile;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings about a file or host said once per JVM: every remote a Spark task opens resolves its
 * profile again, and the same warning a thousand times would drown the log. The set of warnings
 * already given is the one piece of JVM-wide state here; it only ever suppresses repeats.
 */
public final class OnceLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.ndio.remote.profile");
  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

  private OnceLog() {}

  /** Logs {@code message} as a warning unless this JVM already did. */
  public static void warn(String message) {
    if (SAID.add(message)) {
      LOG.warn(message);
    }
  }
}
