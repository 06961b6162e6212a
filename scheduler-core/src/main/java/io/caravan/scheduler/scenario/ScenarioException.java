package io.caravan.scheduler.scenario;

/** A scenario file that cannot be run, with the JSON path of the problem (for example {@code $.nodes[2].NodeResources}). */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /** Creates the error for {@code path} with a reason. */
  public ScenarioException(String path, String reason) {
    super(path + ": " + reason);
    this.path = path;
  }

  /** Creates the error for {@code path} with a reason and its cause. */
  public ScenarioException(String path, String reason, Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
  }

  /** JSON path of the problem, starting at {@code $}. */
  public String path() {
    return path;
  }
}
