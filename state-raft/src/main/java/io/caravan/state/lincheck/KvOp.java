package io.caravan.state.lincheck;

/** An operation on a string key-value store, as recorded for {@link KvModel}. */
public sealed interface KvOp {
  String key();

  /** Write {@code value}; the output is the previous value ("" when absent). */
  record Put(String key, String value) implements KvOp {}

  /** Read; the output is the current value ("" when absent). */
  record Get(String key) implements KvOp {}
}
