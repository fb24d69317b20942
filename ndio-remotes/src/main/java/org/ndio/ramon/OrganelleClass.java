package org.ndio.ramon;

/** The kind of an organelle. */
public enum OrganelleClass implements RamonEnum {
  UNKNOWN(0),
  MITOCHONDRIA(1),
  VESICLE(2),
  AXOPLASMIC_RETICULA(3),
  MICROTUBULES(4),
  NUCLEUS(5);

  private final int code;

  OrganelleClass(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }

  /** The constant coded {@code code}. */
  public static OrganelleClass of(int code) {
    return RamonEnum.of(OrganelleClass.class, code, "organelle class");
  }
}
