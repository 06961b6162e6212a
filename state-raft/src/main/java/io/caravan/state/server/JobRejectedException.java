package io.caravan.state.server;

import java.util.List;

/** A job could not be registered: it failed validation. Lists every problem with its field path. */
public final class JobRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public JobRejectedException(String jobId, List<String> problems) {
    super("job " + jobId + " rejected: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The validation problems, each naming the field. */
  public List<String> problems() {
    return problems;
  }
}
