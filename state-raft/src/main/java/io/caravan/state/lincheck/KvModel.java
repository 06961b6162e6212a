package io.caravan.state.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sequential specification of a key-value store whose puts return the previous value and whose gets
 * return the current one ("" for absent). Keys are independent, so the history is checked per key
 * and the state is one key's value.
 */
public final class KvModel implements Model<String, KvOp, String> {

  @Override
  public String initial() {
    return "";
  }

  @Override
  public Optional<String> step(String state, KvOp input, String output) {
    if (output != null && !output.equals(state)) {
      return Optional.empty(); // both a put (previous value) and a get (current value) must observe the state
    }
    return Optional.of(input instanceof KvOp.Put put ? put.value() : state);
  }

  @Override
  public List<List<Operation<KvOp, String>>> partition(List<Operation<KvOp, String>> history) {
    Map<String, List<Operation<KvOp, String>>> byKey = new TreeMap<>();
    for (Operation<KvOp, String> op : history) {
      byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
    }
    return List.copyOf(byKey.values());
  }
}
