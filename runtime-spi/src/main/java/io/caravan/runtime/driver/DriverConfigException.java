package io.caravan.runtime.driver;

/** A task's driver {@code config} block is invalid; the message names the field as {@code config.<field>}. */
public class DriverConfigException extends DriverException {

  private static final long serialVersionUID = 1L;
  private final String field;

  /** A problem with the named field (without the {@code config.} prefix). */
  public DriverConfigException(String field, String problem) {
    super("config." + field + " " + problem, false, null);
    this.field = field;
  }

  /** The offending field name (without the {@code config.} prefix). */
  public String field() {
    return field;
  }
}
