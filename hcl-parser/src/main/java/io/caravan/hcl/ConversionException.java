package io.caravan.hcl;

/** A value could not be converted to a requested type; the message is cty's wording. */
public final class ConversionException extends Exception {
  /** A conversion failure with cty's message. */
  public ConversionException(String message) {
    super(message, null, false, false);
  }
}
