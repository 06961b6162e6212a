package io.caravan.state.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Job;
import io.caravan.state.store.Fixtures;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AllocationCommandsWireTest {
  private static final int SEEDS = 300;

  private static Job job(String id) {
    return Fixtures.job(id);
  }

  private static Command.ApplyPlanResult randomPlan(long seed) {
    RandomAllocations g = new RandomAllocations(seed);
    SplittableRandom random = g.random();
    List<Job> jobs = List.of(job("web"), job("api"));
    int n = random.nextInt(25);
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int j = random.nextInt(4);
      allocs.add(g.alloc(j < jobs.size() ? jobs.get(j) : null));
    }
    Deployment d = random.nextBoolean() ? null : Fixtures.deployment("d-" + seed, "web");
    return new Command.ApplyPlanResult(allocs, d, evals(random, seed));
  }

  private static Command.ClientAllocUpdates randomUpdates(long seed) {
    RandomAllocations g = new RandomAllocations(seed);
    SplittableRandom random = g.random();
    int n = random.nextInt(25);
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      allocs.add(g.alloc(random.nextInt(5) == 0 ? job("web") : null));
    }
    return new Command.ClientAllocUpdates(allocs, evals(random, seed));
  }

  private static List<Evaluation> evals(SplittableRandom random, long seed) {
    List<Evaluation> evals = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      evals.add(Fixtures.eval("e-" + seed + "-" + i, "web"));
    }
    return evals;
  }

  @Test
  void randomPlanResultsSurviveTheCodec() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Command.ApplyPlanResult c = randomPlan(seed);
      byte[] bytes = CommandCodec.encode(c);
      assertThat(bytes[1]).as("seed %d", seed).isEqualTo(AllocationCommandsWire.PLAN_RESULT);
      assertThat(CommandCodec.decode(bytes)).as("seed %d", seed).isEqualTo(c);
    }
  }

  @Test
  void randomClientUpdatesSurviveTheCodec() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Command.ClientAllocUpdates c = randomUpdates(seed);
      byte[] bytes = CommandCodec.encode(c);
      assertThat(bytes[1]).as("seed %d", seed).isEqualTo(AllocationCommandsWire.CLIENT_UPDATES);
      assertThat(CommandCodec.decode(bytes)).as("seed %d", seed).isEqualTo(c);
    }
  }

  @Test
  void insideBatchesAndLeaderTermsToo() {
    Command c = new Command.LeaderTerm(7, new Command.Batch(List.of(randomPlan(1), randomUpdates(2), randomPlan(3))));
    assertThat(CommandCodec.decode(CommandCodec.encode(c))).isEqualTo(c);
  }

  /**
   * The generator gives every component of every record reachable from Allocation (but its job, carried
   * apart) a non-default value in some draw, so the round trips above fail if the codec drops or
   * mixes up a field, including one added to the model later without codec support.
   */
  @Test
  void generatorFillsEveryComponentOfEveryRecordReachedFromAllocation() throws ReflectiveOperationException {
    Set<String> required = new TreeSet<>();
    Set<Class<?>> records = new java.util.HashSet<>();
    collectRecords(Allocation.class, records);
    for (Class<?> type : records) {
      for (RecordComponent c : type.getRecordComponents()) {
        required.add(type.getSimpleName() + "." + c.getName());
      }
    }
    required.remove("Allocation.job");
    assertThat(required).contains("AllocMetric.scoreMetaData", "NodeScoreMeta.scores", "TaskState.events",
        "AllocatedCpuResources.reservedCores", "Port.ignoreCollision", "RescheduleEvent.delay", "AllocState.time");
    Set<String> covered = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      for (Allocation a : randomPlan(seed).allocs()) {
        cover(a, covered);
      }
    }
    Set<String> missing = new TreeSet<>(required);
    missing.removeAll(covered);
    assertThat(missing).as("components never given a non-default value").isEmpty();
  }

  private static void collectRecords(Type type, Set<Class<?>> out) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        collectRecords(arg, out);
      }
      collectRecords(p.getRawType(), out);
    } else if (type instanceof Class<?> c && c.isRecord() && c.getPackageName().startsWith("io.caravan.model.cluster")
        && out.add(c)) {
      for (RecordComponent rc : c.getRecordComponents()) {
        collectRecords(rc.getGenericType(), out);
      }
    }
  }

  private static void cover(Object value, Set<String> covered) throws ReflectiveOperationException {
    if (value instanceof Job) {
      return;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (item != null) {
          cover(item, covered);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object item : map.values()) {
        if (item != null) {
          cover(item, covered);
        }
      }
    } else if (value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        Object v = c.getAccessor().invoke(value);
        if (notDefault(v)) {
          covered.add(value.getClass().getSimpleName() + "." + c.getName());
          cover(v, covered);
        }
      }
    }
  }

  private static boolean notDefault(Object v) {
    if (v == null || Boolean.FALSE.equals(v) || Duration.ZERO.equals(v)) {
      return false;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  @Test
  void repeatedStringsAndEqualResourcesDecodeToOneInstance() {
    AllocatedResources res = resources();
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      allocs.add(Allocation.builder().id("a" + i).nodeID(new String("node-7".toCharArray()))
          .allocatedResources(new AllocatedResources(new LinkedHashMap<>(res.tasks()), null, res.shared()))
          .taskStates(Map.of("app", new TaskState("running", false, 0, null, null, null, null))).build());
    }
    Command.ClientAllocUpdates decoded =
        (Command.ClientAllocUpdates) CommandCodec.decode(CommandCodec.encode(new Command.ClientAllocUpdates(allocs, List.of())));
    assertThat(decoded.allocs()).isEqualTo(allocs);
    Allocation first = decoded.allocs().get(0);
    Allocation last = decoded.allocs().get(2);
    assertThat(last.nodeID()).isSameAs(first.nodeID());
    assertThat(last.allocatedResources()).isSameAs(first.allocatedResources());
    assertThat(last.taskStates()).isSameAs(first.taskStates());
  }

  @Test
  void equalScoreAndCountMapsDecodeToOneInstance() {
    Command.ApplyPlanResult plan = c1mLikePlan(3);
    Command.ApplyPlanResult decoded = (Command.ApplyPlanResult) CommandCodec.decode(CommandCodec.encode(plan));
    assertThat(decoded).isEqualTo(plan);
    AllocMetric first = decoded.allocs().get(0).metrics();
    AllocMetric last = decoded.allocs().get(2).metrics();
    assertThat(last.scoreMetaData().get(1).scores()).isSameAs(first.scoreMetaData().get(1).scores())
        .isNotSameAs(first.scoreMetaData().get(2).scores());
    assertThat(last.nodesAvailable()).isSameAs(first.nodesAvailable());
  }

  private static AllocatedResources resources() {
    return new AllocatedResources(Map.of("app", new AllocatedTaskResources(new AllocatedCpuResources(100, null),
        new AllocatedMemoryResources(64, 0), null, null)), null, new AllocatedSharedResources(null, 150, null));
  }

  /** A plan like the C1M ones: one job, allocations with resources and score metadata of five nodes. */
  private static Command.ApplyPlanResult c1mLikePlan(int n) {
    Job web = job("web");
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<NodeScoreMeta> scores = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        scores.add(new NodeScoreMeta("node-" + (i + k), Map.of("binpack", 0.5 + k / 100.0, "job-anti-affinity", -0.1),
            0.2 + k / 10.0));
      }
      AllocMetric m = new AllocMetric(5, 0, 5000, "default", Map.of("dc1", 5000), null, null, 0, null, null, null,
          null, scores, Duration.ofNanos(12_345 + i), 0);
      allocs.add(Allocation.builder().id("alloc-" + i).namespace("default").evalID("eval-1").name("web.web[" + i + "]")
          .nodeID("node-" + i).nodeName("sim-" + i).jobID("web").job(web).taskGroup("web")
          .allocatedResources(resources()).metrics(m).desiredStatus("run").clientStatus("pending")
          .createTime(1_700_000_000_000_000_000L + i).modifyTime(1_700_000_000_000_000_000L + i).build());
    }
    return new Command.ApplyPlanResult(allocs, Fixtures.deployment("d1", "web"), List.of(Fixtures.eval("e1", "web")));
  }

  @Test
  void everyTruncationFailsWithACodecException() {
    List<Command> commands = List.of(c1mLikePlan(3), randomPlan(11), randomUpdates(12),
        new Command.ClientAllocUpdates(List.of(), List.of()));
    for (Command c : commands) {
      byte[] bytes = CommandCodec.encode(c);
      for (int len = 0; len < bytes.length; len++) {
        byte[] cut = Arrays.copyOf(bytes, len);
        int at = len;
        assertThatThrownBy(() -> CommandCodec.decode(cut)).as("%s cut to %d of %d bytes",
            c.getClass().getSimpleName(), at, bytes.length).isInstanceOf(CommandCodecException.class);
      }
    }
  }

  @Test
  void randomByteFlipsFailOnlyWithACodecException() {
    for (long seed = 0; seed < 400; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Command c = random.nextBoolean() ? randomPlan(seed) : randomUpdates(seed);
      byte[] bytes = CommandCodec.encode(c);
      if (bytes.length <= 2) {
        continue;
      }
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        int at = 2 + random.nextInt(bytes.length - 2);
        bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : bytes[at] ^ (1 << random.nextInt(8)));
      }
      try {
        CommandCodec.decode(bytes);
      } catch (CommandCodecException e) {
        assertThat(e.getMessage()).as("seed %d", seed).isNotBlank();
      } catch (RuntimeException | StackOverflowError e) {
        fail("seed " + seed + ": " + e, e);
      }
    }
  }

  @Test
  void corruptionNamesWhatWasWrong() {
    byte[] bytes = CommandCodec.encode(c1mLikePlan(2));
    byte[] extra = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> CommandCodec.decode(extra)).isInstanceOf(CommandCodecException.class)
        .hasMessageContaining("ApplyPlanResult").hasMessageContaining("1 bytes left over");
    byte[] cut = Arrays.copyOf(bytes, 40);
    assertThatThrownBy(() -> CommandCodec.decode(cut)).isInstanceOf(CommandCodecException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void olderSmileFormatsStillDecode() throws Exception {
    Command.ApplyPlanResult plan = c1mLikePlan(20);
    byte[] old113 = CommandCodec.encodeSmile(plan);
    assertThat(old113[1]).isEqualTo(CommandCodec.PLAN_RESULT_SHARED_JOBS);
    assertThat(CommandCodec.decode(old113)).isEqualTo(plan);
    assertThat(CommandCodec.decode(withHeader((byte) 13, Smile.MAPPER.writeValueAsBytes(plan)))).isEqualTo(plan);
    Command.ClientAllocUpdates updates = new Command.ClientAllocUpdates(plan.allocs().stream()
        .map(a -> Allocation.builder().id(a.id()).clientStatus("running").clientDescription("Tasks are running")
            .taskStates(Map.of("app", new TaskState("running", false, 0, null, "2026-01-01T00:00:00Z", null, null)))
            .build()).toList(), List.of(Fixtures.eval("e2", "web")));
    byte[] old9 = CommandCodec.encodeSmile(updates);
    assertThat(old9[1]).isEqualTo((byte) 9);
    assertThat(CommandCodec.decode(old9)).isEqualTo(updates);
  }

  private static byte[] withHeader(byte code, byte[] body) {
    byte[] out = new byte[body.length + 2];
    out[0] = CommandCodec.VERSION;
    out[1] = code;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  @Test
  void theBinaryFormIsSmallerThanSmile() {
    Command.ApplyPlanResult plan = c1mLikePlan(1000);
    int binary = CommandCodec.encode(plan).length;
    int smile = CommandCodec.encodeSmile(plan).length;
    assertThat(binary).as("binary %d vs Smile %d bytes", binary, smile).isLessThan(smile);
  }
}
