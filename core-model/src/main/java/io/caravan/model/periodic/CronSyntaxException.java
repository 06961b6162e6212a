package io.caravan.model.periodic;

/** A cron expression that cannot be parsed; the message names the expression and the field at fault. */
public final class CronSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String expression;

  CronSyntaxException(String expression, String problem) {
    super("cron \"" + expression + "\": " + problem);
    this.expression = expression;
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }
}
