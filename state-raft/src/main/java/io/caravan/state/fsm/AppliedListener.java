package io.caravan.state.fsm;

import io.caravan.state.store.StateSnapshot;

/** Told about each command the {@link StateFsm} applied, with the state right after it. */
@FunctionalInterface
public interface AppliedListener {
  /** A listener that does nothing. */
  AppliedListener NONE = (index, command, after) -> { };

  /**
   * Called on the applying thread after {@code command} was applied at {@code index}; {@code after}
   * is the state including it (and possibly later commands of the same batch).
   */
  void applied(long index, Command command, StateSnapshot after);
}
