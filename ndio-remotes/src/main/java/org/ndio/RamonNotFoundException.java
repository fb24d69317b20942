package org.ndio;

/** A RAMON object asked for by id is not stored (never posted, or deleted). */
public class RamonNotFoundException extends RamonException {
  public RamonNotFoundException(String message) {
    super(message);
  }
}
