package io.caravan.state.lincheck;

import java.util.List;
import java.util.Optional;

/**
 * A sequential specification: its states must have value equality (they are memoised).
 *
 * @param <S> state
 * @param <I> operation input
 * @param <O> operation output ({@code null} in {@link #step} means the output is unknown)
 */
public interface Model<S, I, O> {
  S initial();

  /**
   * The state after applying {@code input} in {@code state}, if the sequential specification can
   * return {@code output} there (any output is allowed when {@code output} is null); empty otherwise.
   */
  Optional<S> step(S state, I input, O output);

  /** Splits a history into independent sub-histories checked separately (default: one). */
  default List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
    return List.of(history);
  }
}
