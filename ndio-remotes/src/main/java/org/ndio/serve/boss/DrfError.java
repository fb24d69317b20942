package org.ndio.serve.boss;

/**
 * A refusal worded by Django REST Framework rather than the BOSS: {@code {"detail": "..."}}
 * (bad token, unsupported media type or method, malformed JSON).
 */
final class DrfError extends RuntimeException {

  final int status;

  DrfError(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }
}
