package org.ndio.serve.boss;

/**
 * The BOSS error codes this server answers with, and the HTTP status the service pairs with
 * each (bosscore's {@code ErrorCodes} and {@code RESP_CODES}).
 */
enum ErrorCode {
  INVALID_URL(1000, 400),
  INVALID_CUTOUT_ARGS(1001, 400),
  TYPE_ERROR(1002, 400),
  INVALID_POST_ARGUMENT(1003, 400),
  INVALID_ARGUMENT(1005, 400),
  BAD_REQUEST(1006, 400),
  REQUEST_TOO_LARGE(2000, 413),
  DATATYPE_DOES_NOT_MATCH(2001, 400),
  DATA_DIMENSION_MISMATCH(2002, 400),
  DATATYPE_NOT_SUPPORTED(2003, 400),
  UNSUPPORTED_4D(2005, 400),
  MISSING_PERMISSION(3001, 403),
  RESOURCE_NOT_FOUND(4000, 404),
  INTEGRITY_ERROR(4003, 400),
  OBJECT_NOT_FOUND(4004, 404),
  RESOURCE_MARKED_FOR_DELETION(4005, 404),
  BOSS_SYSTEM_ERROR(9001, 400);

  final int code;
  final int status;

  ErrorCode(int code, int status) {
    this.code = code;
    this.status = status;
  }
}
