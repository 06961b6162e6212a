package io.caravan.model.validation;

/**
 * One problem found in a job: where it is ({@code group "web" > task "app" > resources.memory}) and
 * what is wrong ({@code must be at least 10 MB}).
 */
public record ValidationProblem(String path, String message) {

  /** The problem as one line, {@code path: message}. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
