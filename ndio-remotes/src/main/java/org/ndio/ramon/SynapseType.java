package org.ndio.ramon;

/** The kind of a synapse. */
public enum SynapseType implements RamonEnum {
  UNKNOWN(0),
  EXCITATORY(1),
  INHIBITORY(2),
  GAP_JUNCTION(3);

  private final int code;

  SynapseType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant coded {@code code}. */
  public static SynapseType of(int code) {
    return RamonEnum.of(SynapseType.class, code, "synapse type");
  }
}
