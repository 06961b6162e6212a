package io.caravan.scheduler.broker.internal;

import io.caravan.model.cluster.Evaluation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an evaluation's {@code WaitUntil}, an RFC 3339 time where Go's zero time means "none". */
public final class EvalTimes {
  private EvalTimes() {}

  /** The instant before which the evaluation must not be scheduled, if any. */
  public static Optional<Instant> waitUntil(Evaluation eval) {
    String s = eval.waitUntil();
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "evaluation " + eval.id() + ": WaitUntil \"" + s + "\" is not an RFC 3339 time", e);
    }
    // Go's zero time.Time (0001-01-01T00:00:00Z) means the field is unset.
    return at.isAfter(Instant.parse("0001-01-02T00:00:00Z")) ? Optional.of(at) : Optional.empty();
  }

  /** Formats an instant the way {@code WaitUntil} is written. */
  public static String format(Instant at) {
    return at.toString();
  }
}
