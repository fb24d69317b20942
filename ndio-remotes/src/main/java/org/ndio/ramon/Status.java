package org.ndio.ramon;

/** An annotation's review status (ndstore and the original ndio: 0 unprocessed, the default). */
public enum Status implements RamonEnum {
  UNPROCESSED(0),
  LOCKED(1),
  PROCESSED(2),
  IGNORED(3);

  private final int code;

  Status(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant coded {@code code}. */
  public static Status of(int code) {
    return RamonEnum.of(Status.class, code, "status");
  }
}
