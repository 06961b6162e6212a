package io.caravan.state.lincheck;

/** The verdict on a history, with how much search it took. */
public record CheckResult(Verdict verdict, int partitions, long statesExplored, String detail) {

  /** Outcome of a check. */
  public enum Verdict {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    /** The search budget ran out before a verdict. */
    UNKNOWN
  }

  public boolean linearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }
}
