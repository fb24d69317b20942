package org.ndio.serve.boss;

/**
 * A request the service refuses with its JSON error body; thrown by the handlers and turned
 * into the answer at the top, as the service's views return {@code BossHTTPError}.
 */
final class BossError extends RuntimeException {

  final ErrorCode code;

  BossError(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static BossError notFound(String what) {
    return new BossError(ErrorCode.RESOURCE_NOT_FOUND, what);
  }
}
