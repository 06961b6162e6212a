package io.caravan.state.server;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of registering or deregistering a job.
 *
 * @param index the Raft index the change was applied at
 * @param evalId the evaluation created with it, or null when none was (periodic and parameterized
 *     jobs, or deregistering a job that does not exist)
 */
public record JobWriteResult(long index, @Nullable String evalId) {
  /** The created evaluation's ID, if any. */
  public Optional<String> eval() {
    return Optional.ofNullable(evalId);
  }
}
