package org.ndio.storage;

import org.ndio.PathEscapeException;

/**
 * Checks of relative names (store keys, dataset paths in metadata, archive entries, server
 * resource names) before they are joined to a root: no {@code ..} segment, no leading slash or
 * backslash, no drive letter, no NUL. Such a name cannot leave its root by its own spelling;
 * symbolic links are checked where files are opened.
 */
public final class SafeNames {

  private SafeNames() {}

  /** Whether {@code name} is a relative path that stays below its root. */
  public static boolean isContained(String name) {
    if (name.indexOf('\0') >= 0 || name.startsWith("/") || name.startsWith("\\")
        || name.matches("^[A-Za-z]:.*")) {
      return false;
    }
    for (String segment : name.split("[/\\\\]", -1)) {
      if (segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a name that could leave its root.
   *
   * @param what what the name is, e.g. {@code "multiscales dataset path"}
   * @param root where it was to be resolved, for the message
   */
  public static String require(String name, String what, String root) {
    if (!isContained(name)) {
      throw new PathEscapeException(root + ": " + what + " '" + name + "' leads outside "
          + root + " (no '..', absolute paths or drive letters)");
    }
    return name;
  }
}
