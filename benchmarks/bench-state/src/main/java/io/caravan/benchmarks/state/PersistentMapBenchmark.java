package io.caravan.benchmarks.state;

import io.caravan.state.store.PersistentSortedMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state store's persistent sorted map on its own: random-key writes in batches under one edit (as
 * one Raft apply writes), single writes without an edit, and random-key hits, in nanoseconds per
 * operation. Keys are random UUID strings (as allocation and evaluation IDs) or C1M-style node IDs
 * ({@code 00000000-0000-4000-8000-%012d}, which share their first 24 chars).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PersistentMapBenchmark {
  private static final int BATCH = 1_000;

  /** Entries in the map. */
  @Param({"1000000", "1000"})
  public int size;

  /** {@code uuid}: random UUID strings; {@code node}: C1M node IDs. */
  @Param({"uuid", "node"})
  public String keys;

  private String[] present;
  private PersistentSortedMap<String, Long> map;
  private SplittableRandom random;
  private long value;

  @Setup(Level.Trial)
  public void setUp() {
    random = new SplittableRandom(20261206);
    present = new String[size];
    for (int i = 0; i < size; i++) {
      present[i] = freshKey(i);
    }
    PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
    PersistentSortedMap<String, Long> m = PersistentSortedMap.empty();
    for (int i = 0; i < size; i++) {
      m = m.put(present[i], (long) i, edit);
    }
    edit.close();
    map = m;
  }

  /** A random UUID, or the C1M ID of node {@code n}. */
  private String freshKey(long n) {
    if (keys.equals("uuid")) {
      return StateData.uuid(random);
    }
    String digits = Long.toString(n);
    return "00000000-0000-4000-8000-" + "0".repeat(12 - digits.length()) + digits;
  }

  /** 1,000 random existing keys rebound under one edit, then the edit closed; per put. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public PersistentSortedMap<String, Long> putBatchWithEdit() {
    PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
    PersistentSortedMap<String, Long> m = map;
    for (int i = 0; i < BATCH; i++) {
      m = m.put(present[random.nextInt(size)], value++, edit);
    }
    edit.close();
    map = m;
    return m;
  }

  /** One random existing key rebound without an edit (a full path copy). */
  @Benchmark
  public PersistentSortedMap<String, Long> put() {
    map = map.put(present[random.nextInt(size)], value++);
    return map;
  }

  /** A random key that is present. */
  @Benchmark
  public Long get() {
    return map.get(present[random.nextInt(size)]);
  }

  /** 500 present keys removed and 500 new keys put under one edit (the size stays; making a key is timed too); per operation. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public PersistentSortedMap<String, Long> insertRemoveBatchWithEdit() {
    PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
    PersistentSortedMap<String, Long> m = map;
    for (int i = 0; i < BATCH / 2; i++) {
      int at = random.nextInt(size);
      String fresh = freshKey(size + value);
      m = m.remove(present[at], edit).put(fresh, value++, edit);
      present[at] = fresh;
    }
    edit.close();
    map = m;
    return m;
  }
}
