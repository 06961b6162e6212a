package io.caravan.benchmarks.state;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.schedulers.SchedulerFactory;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding the two allocation-heavy Raft commands, in the Smile form older builds wrote
 * ({@code format=smile}) and the hand-written binary form ({@code format=binary}): {@code command=plan}
 * is a real 1,000-allocation C1M plan result (the service scheduler placing one job of 1,000 100 MHz /
 * 64 MB tasks on 5,000 C1M-sized nodes, with its score metadata), {@code command=updates} is one batch
 * of 100 client updates reporting allocations running, as the C1M clients send them. One operation is
 * one command. Every server decodes every entry; the leader also encodes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CommandCodecBenchmark {
  @Param({"smile", "binary"})
  public String format;

  @Param({"plan", "updates"})
  public String command;

  private Command value;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
    Command.ApplyPlanResult plan = plan();
    value = "plan".equals(command) ? plan : updates(plan.allocs().subList(0, 100));
    bytes = encode();
    if (!CommandCodec.decode(bytes).equals(value)) {
      throw new IllegalStateException(format + " " + command + " does not decode to what was encoded");
    }
    System.out.printf("%n%s %s: %,d bytes%n", format, command, bytes.length);
  }

  private byte[] encode() {
    return "smile".equals(format) ? CommandCodec.encodeSmile(value) : CommandCodec.encode(value);
  }

  @Benchmark
  public byte[] encodeCommand() {
    return encode();
  }

  @Benchmark
  public Command decodeCommand() {
    return CommandCodec.decode(bytes);
  }

  /** The service scheduler's plan for one C1M job on 5,000 C1M nodes, as the plan applier commits it. */
  static Command.ApplyPlanResult plan() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
    InMemoryCluster cluster = new InMemoryCluster();
    for (int i = 0; i < 5_000; i++) {
      cluster.upsertNode(node(i));
    }
    Job job = Canonicalizer.withServerDefaults(Canonicalizer.canonicalize(Job.builder("c1m-0000").namespace("default")
        .type("service").priority(50).datacenters(List.of("dc1"))
        .taskGroup(TaskGroup.builder("web").count(1_000).ephemeralDisk(new EphemeralDisk(false, false, 150))
            .task(Task.builder("app").driver("mock_driver").config("run_for", "1h")
                .resources(Resources.builder().cpu(100).memoryMB(64).build())))
        .build()));
    cluster.upsertJob(job);
    Evaluation eval = Evaluation.builder().id("6d3c1f0e-0000-4000-8000-000000000001").namespace("default")
        .priority(50).type("service").triggeredBy("job-register").jobID(job.id()).status("pending").build();
    SchedulerFactory.create("service", cluster, cluster, SchedulerConfiguration.serverDefaults(), clock).process(eval);
    Plan p = cluster.plans().get(0);
    List<Allocation> allocs = new ArrayList<>();
    for (List<Allocation> placed : p.nodeAllocation().values()) {
      for (Allocation a : placed) {
        allocs.add(a.job() == null ? a.toBuilder().job(p.job()).build() : a);
      }
    }
    if (allocs.size() != 1_000) {
      throw new IllegalStateException("the scheduler placed " + allocs.size() + " allocations, not 1,000");
    }
    return new Command.ApplyPlanResult(allocs, p.deployment(), List.of());
  }

  /** What the C1M clients send: each allocation running, with its task state. */
  private static Command.ClientAllocUpdates updates(List<Allocation> allocs) {
    Map<String, TaskState> running = Map.of("app", new TaskState("running", false, 0, null, null, null, null));
    List<Allocation> updates = new ArrayList<>();
    long now = 1_764_028_800_000_000_000L;
    for (Allocation a : allocs) {
      updates.add(Allocation.builder().id(a.id()).clientStatus("running").clientDescription("Tasks are running")
          .taskStates(running).modifyTime(now++).build());
    }
    return new Command.ClientAllocUpdates(updates, List.of());
  }

  /** A C1M node: 25,000 MHz and 16,384 MB free, in dc1, ready and eligible. */
  private static Node node(int i) {
    String name = "sim-" + i;
    return Node.builder().id(String.format("00000000-0000-4000-8000-%012d", i)).name(name).datacenter("dc1")
        .nodePool("default")
        .attributes(Map.of("kernel.name", "linux", "arch", "x86", "cpu.numcores", "16", "unique.hostname", name,
            "driver.mock_driver", "1"))
        .drivers(Map.of("mock_driver", new DriverInfo(null, true, true, "healthy", "")))
        .nodeResources(new NodeResources(new NodeCpuResources(25_000, 16, null), new NodeMemoryResources(16_384),
            new NodeDiskResources(100 * 1024), List.of(), null, null, 0, 0))
        .status(NodeStatus.READY).schedulingEligibility(NodeStatus.ELIGIBLE).build();
  }
}
