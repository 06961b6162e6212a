package io.caravan.state.fsm;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocState;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.Port;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Job;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Seeded random allocations with every field filled in some draws and null, empty or zero in others:
 * repeated and unicode strings, extreme numbers, shared and equal sub-objects, free-form trees.
 */
final class RandomAllocations {
  private static final String[] POOL = {"", "default", "run", "pending", "running", "web", "app", "dc1",
      "node-0001", "node-0002", "binpack", "job-anti-affinity", "ünïcödé", "日本語", "emoji 😀 ok"};

  private final SplittableRandom random;
  private final List<AllocatedResources> resourcesSeen = new ArrayList<>();
  private final List<Map<String, TaskState>> taskStatesSeen = new ArrayList<>();

  RandomAllocations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return random;
  }

  /** A random allocation with {@code job} (null: none). */
  Allocation alloc(@Nullable Job job) {
    return new Allocation(uniqueString(), string(), string(), uniqueString(), string(), string(), string(), job,
        string(), sharedResources(), maybe(this::metric), string(), string(), maybe(this::desiredTransition),
        string(), string(), sharedTaskStates(), string(), maybe(this::deploymentStatus),
        maybe(this::rescheduleTracker), string(), string(), string(), maybe(() -> list(this::string)), string(),
        anyLong(), anyLong(), anyLong(), anyLong(), anyLong(), maybe(() -> list(this::allocState)));
  }

  private <T> @Nullable T maybe(Supplier<T> value) {
    return random.nextInt(4) == 0 ? null : value.get();
  }

  private <T> List<T> list(Supplier<T> item) {
    int n = random.nextInt(4);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.get());
    }
    return out;
  }

  private <T> Map<String, T> map(Supplier<T> value) {
    int n = random.nextInt(4);
    Map<String, T> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(string(), value.get());
    }
    return out;
  }

  String string() {
    return switch (random.nextInt(5)) {
      case 0 -> "";
      case 1, 2 -> POOL[random.nextInt(POOL.length)];
      default -> uniqueString();
    };
  }

  /** A fresh string of random code points (ASCII, Latin, CJK, supplementary planes; never a lone surrogate). */
  String uniqueString() {
    int n = random.nextInt(12);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> 0x20 + random.nextInt(0x5F);
        case 1 -> 0x80 + random.nextInt(0x700);
        case 2 -> 0x4E00 + random.nextInt(0x5000);
        default -> 0x10000 + random.nextInt(0xFFFFF);
      };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  private @Nullable String nullableString() {
    return random.nextInt(3) == 0 ? null : string();
  }

  long anyLong() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> Long.MIN_VALUE;
      case 3 -> random.nextInt(1000);
      default -> random.nextLong();
    };
  }

  private int anyInt() {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> Integer.MIN_VALUE;
      case 3 -> random.nextInt(100);
      default -> random.nextInt();
    };
  }

  private double anyDouble() {
    return switch (random.nextInt(7)) {
      case 0 -> 0.0;
      case 1 -> -0.0;
      case 2 -> Double.NaN;
      case 3 -> Double.NEGATIVE_INFINITY;
      case 4 -> Double.MIN_VALUE;
      default -> random.nextDouble() * 2 - 1;
    };
  }

  private @Nullable Boolean nullableBoolean() {
    return switch (random.nextInt(3)) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      default -> Boolean.TRUE;
    };
  }

  private Duration duration() {
    return switch (random.nextInt(4)) {
      case 0 -> Duration.ZERO;
      case 1 -> Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
      case 2 -> Duration.ofSeconds(Long.MIN_VALUE);
      default -> Duration.ofSeconds(random.nextInt(1_000_000) - 500_000, random.nextInt(1_000_000_000));
    };
  }

  /** The same instance, an equal copy or a new value, as a plan's allocations of one group share resources. */
  private @Nullable AllocatedResources sharedResources() {
    int pick = random.nextInt(5);
    if (pick == 0) {
      return null;
    }
    if (pick == 1 && !resourcesSeen.isEmpty()) {
      return resourcesSeen.get(random.nextInt(resourcesSeen.size()));
    }
    if (pick == 2 && !resourcesSeen.isEmpty()) {
      AllocatedResources r = resourcesSeen.get(random.nextInt(resourcesSeen.size()));
      return new AllocatedResources(r.tasks() == null ? null : new LinkedHashMap<>(r.tasks()), r.taskLifecycles(),
          r.shared());
    }
    AllocatedResources r = new AllocatedResources(maybe(() -> map(this::taskResources)), maybe(this::freeFormMap),
        maybe(this::sharedNetworks));
    resourcesSeen.add(r);
    return r;
  }

  private AllocatedTaskResources taskResources() {
    return new AllocatedTaskResources(maybe(() -> new AllocatedCpuResources(anyLong(), maybe(() -> list(this::anyInt)))),
        maybe(() -> new AllocatedMemoryResources(anyLong(), anyLong())), maybe(() -> list(this::network)),
        maybe(() -> list(() -> new AllocatedDeviceResource(string(), string(), string(), maybe(() -> list(this::string))))));
  }

  private AllocatedSharedResources sharedNetworks() {
    return new AllocatedSharedResources(maybe(() -> list(this::network)), anyLong(),
        maybe(() -> list(() -> new AllocatedPortMapping(string(), anyInt(), anyInt(), string()))));
  }

  private NetworkResource network() {
    return new NetworkResource(string(), string(), string(), string(), string(), anyInt(), maybe(this::freeFormMap),
        maybe(() -> list(this::port)), maybe(() -> list(this::port)));
  }

  private Port port() {
    return new Port(string(), anyInt(), anyInt(), string(), random.nextBoolean());
  }

  private AllocMetric metric() {
    return new AllocMetric(anyInt(), anyInt(), anyInt(), string(), maybe(() -> map(this::anyInt)),
        maybe(() -> map(this::anyInt)), maybe(() -> map(this::anyInt)), anyInt(), maybe(() -> map(this::anyInt)),
        maybe(() -> map(this::anyInt)), maybe(() -> list(this::string)), maybe(this::freeFormMap),
        maybe(() -> list(() -> new NodeScoreMeta(string(), maybe(() -> map(this::anyDouble)), anyDouble()))),
        duration(), anyInt());
  }

  private DesiredTransition desiredTransition() {
    return new DesiredTransition(nullableBoolean(), nullableBoolean(), nullableBoolean(), nullableBoolean(),
        nullableBoolean());
  }

  private @Nullable Map<String, TaskState> sharedTaskStates() {
    int pick = random.nextInt(4);
    if (pick == 0) {
      return null;
    }
    if (pick == 1 && !taskStatesSeen.isEmpty()) {
      return taskStatesSeen.get(random.nextInt(taskStatesSeen.size()));
    }
    Map<String, TaskState> m = map(() -> new TaskState(string(), random.nextBoolean(), anyLong(), nullableString(),
        nullableString(), nullableString(), maybe(() -> list(this::freeFormMap))));
    taskStatesSeen.add(m);
    return m;
  }

  private AllocDeploymentStatus deploymentStatus() {
    return new AllocDeploymentStatus(nullableBoolean(), nullableString(), random.nextBoolean(), anyLong());
  }

  private RescheduleTracker rescheduleTracker() {
    return new RescheduleTracker(maybe(() -> list(() -> new RescheduleEvent(anyLong(), string(), string(), duration()))),
        string());
  }

  private AllocState allocState() {
    return new AllocState(string(), string(), string());
  }

  /** A free-form tree of every value type FreeForm keeps, nested a few levels. */
  Map<String, Object> freeFormMap() {
    return freeFormMap(0);
  }

  private Map<String, Object> freeFormMap(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.put(string(), freeFormValue(depth));
    }
    return out;
  }

  private @Nullable Object freeFormValue(int depth) {
    int kind = random.nextInt(depth >= 3 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> string();
      case 2 -> random.nextBoolean();
      case 3 -> anyInt();
      case 4 -> anyLong();
      case 5 -> BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(100));
      case 6 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(40) - 20);
      case 7 -> {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(freeFormValue(depth + 1));
        }
        yield list;
      }
      default -> freeFormMap(depth + 1);
    };
  }
}
