package org.ndio.serve.dvid;

/**
 * A request the server refuses. DVID answers most refusals with 400 and a text body of the
 * message followed by {@code " (PATH)."} (its {@code BadRequest}); {@link #plain} errors are
 * sent as they are, as DVID's {@code http.Error} calls send theirs.
 */
final class DvidError extends RuntimeException {

  private final int status;
  private final boolean withPath;

  private DvidError(int status, String message, boolean withPath) {
    super(message);
    this.status = status;
    this.withPath = withPath;
  }

  /** A 400 worded as DVID's {@code server.BadRequest}: the message, then the path. */
  static DvidError badRequest(String message) {
    return new DvidError(400, message, true);
  }

  /** An error with its own status and exact body text. */
  static DvidError plain(int status, String message) {
    return new DvidError(status, message, false);
  }

  /** An error with the path appended, like {@link #badRequest}, but another status. */
  static DvidError withPath(int status, String message) {
    return new DvidError(status, message, true);
  }

  int status() {
    return status;
  }

  /** The body DVID sends: Go's {@code http.Error} ends it with a newline. */
  String body(String path) {
    return (withPath ? getMessage() + " (" + path + ")." : getMessage()) + "\n";
  }
}
