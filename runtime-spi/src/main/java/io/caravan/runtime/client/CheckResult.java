package io.caravan.runtime.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one run of a service check.
 *
 * @param checkName the check's name
 * @param passing whether the check passed
 * @param output what the check saw (status line, error, script output)
 * @param at when the check ran
 */
public record CheckResult(String checkName, boolean passing, String output, Instant at) {

  /** Validates the result. */
  public CheckResult {
    Objects.requireNonNull(checkName, "checkName");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(at, "at");
  }
}
