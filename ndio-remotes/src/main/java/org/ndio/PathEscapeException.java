package org.ndio;

/**
 * A name that would reach outside the directory, store or archive it must stay in: a chunk key,
 * a multiscales dataset path, an array or dataset name, or a server resource name holding
 * {@code ..}, an absolute path, or a symbolic link that leads elsewhere. The message names the
 * offending path and the root it was resolved against.
 */
public class PathEscapeException extends NdioException {
  public PathEscapeException(String message) {
    super(message);
  }

  public PathEscapeException(String message, Throwable cause) {
    super(message, cause);
  }
}
