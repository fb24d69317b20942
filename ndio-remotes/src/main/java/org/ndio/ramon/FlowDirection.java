package org.ndio.ramon;

/** Which way signal crosses a synapse, seen from one of its segments (CAJAL's numbering). */
public enum FlowDirection implements RamonEnum {
  UNKNOWN(0),
  PRE(1),
  POST(2),
  BIDIRECTIONAL(3);

  private final int code;

  FlowDirection(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant coded {@code code}. */
  public static FlowDirection of(int code) {
    return RamonEnum.of(FlowDirection.class, code, "flow direction");
  }
}
