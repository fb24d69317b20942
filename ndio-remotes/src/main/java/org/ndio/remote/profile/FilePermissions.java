package org.ndio.remote.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Warns about files holding tokens that users other than their owner may read. */
final class FilePermissions {

  private FilePermissions() {}

  /** Whether group or others may read {@code path} (false where POSIX modes do not exist). */
  static boolean shared(Path path) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(path);
      return p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  static void warnIfShared(Path path, String what) {
    if (shared(path)) {
      OnceLog.warn(what + " " + path + " holds a token and is readable by group or others;"
          + " chmod 600 it");
    }
  }
}
