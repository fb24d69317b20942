package org.ndio.ramon;

/** What part of a neuron a segment is. */
public enum SegmentClass implements RamonEnum {
  UNKNOWN(0),
  AXON(1),
  DENDRITE(2),
  SOMA(3);

  private final int code;

  SegmentClass(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant coded {@code code}. */
  public static SegmentClass of(int code) {
    return RamonEnum.of(SegmentClass.class, code, "segment class");
  }
}
