package io.caravan.model.validation;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** Every problem found in one job, in the order they were found (job, then groups, then tasks). */
public record ValidationReport(List<ValidationProblem> problems) {

  /** Copies the problems into an immutable list. */
  public ValidationReport {
    problems = ImmutableList.copyOf(problems);
  }

  /** Whether no problem was found. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The problems as {@code path: message} lines. */
  public List<String> messages() {
    return problems.stream().map(ValidationProblem::toString).collect(ImmutableList.toImmutableList());
  }

  /** All problems, one per line; empty when valid. */
  @Override
  public String toString() {
    return String.join("\n", messages());
  }
}
