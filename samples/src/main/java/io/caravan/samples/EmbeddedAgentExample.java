package io.caravan.samples;

import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import io.caravan.jobspec.ParseOptions;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.runtime.client.HostClient;
import io.caravan.runtime.client.NodeAssembler;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.JobWriteResult;
import io.caravan.state.store.StateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Embeds a single-node Caravan agent in an application and submits a job from Java: one in-memory
 * {@link CaravanServer} and one {@link HostClient} on this machine (loopback, every driver found with
 * {@link java.util.ServiceLoader}), a jobspec parsed with {@link JobspecParser}, the job registered,
 * its allocation awaited until it runs, the task's output read from the allocation directory, and the
 * job stopped, waiting until its task has exited.
 *
 * <p>Run it with {@code java -cp caravan.jar io.caravan.samples.EmbeddedAgentExample}.
 */
public final class EmbeddedAgentExample {
  /** The greeting the sample task prints. */
  public static final String GREETING = "hello from an embedded caravan";

  /** The job this example runs: a raw_exec service that prints a line, then sleeps until stopped. */
  public static final String JOBSPEC = """
      job "greeter" {
        type        = "service"
        datacenters = ["*"]

        group "greet" {
          task "say" {
            driver = "raw_exec"
            config {
              command = "/bin/sh"
              args    = ["-c", "echo '%s'; exec sleep 600"]
            }
            resources {
              cpu    = 50
              memory = 32
            }
          }
        }
      }
      """.formatted(GREETING);

  private EmbeddedAgentExample() {}

  /**
   * What one run saw.
   *
   * @param allocId the allocation that ran the task
   * @param nodeId the node it ran on (the embedded client's)
   * @param statusWhileRunning the allocation's client status once it was running
   * @param output the task's stdout lines while it ran
   * @param statusAfterStop the allocation's client status after the job was stopped
   */
  public record Outcome(String allocId, String nodeId, String statusWhileRunning, List<String> output,
      String statusAfterStop) {}

  /**
   * Starts the embedded agent with its client state in {@code dataDir}, runs {@link #JOBSPEC} and
   * stops it; each wait gives up after {@code timeout}.
   */
  public static Outcome run(Path dataDir, Duration timeout) throws IOException, InterruptedException {
    JobspecResult parsed = JobspecParser.parse(JOBSPEC, "greeter.nomad.hcl", ParseOptions.defaults());
    Job job = parsed.job().orElseThrow(() -> new IllegalArgumentException(
        "the sample jobspec does not parse: " + parsed.errorLines()));

    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().build()).name("embedded").start()) {
      HostClient client = HostClient.builder(dataDir, server.clientTransport())
          .address(NodeAssembler.HostAddress.LOOPBACK).pullWait(Duration.ofSeconds(1)).start();
      try {
        JobWriteResult registered = server.registerJob(job);
        System.out.println("registered job " + job.id() + " at index " + registered.index()
            + " (evaluation " + registered.eval().orElse("none") + ")");

        Allocation running = await(server, job, allocs -> allocs.stream().anyMatch(EmbeddedAgentExample::isRunning),
            timeout).stream().filter(EmbeddedAgentExample::isRunning).findFirst().orElseThrow();
        System.out.println("allocation " + running.id() + " runs on node " + running.nodeID());

        String task = job.taskGroups().get(0).tasks().get(0).name();
        Path stdout = client.allocDir(running.id()).resolve("alloc").resolve("logs").resolve(task + ".stdout.0");
        List<String> output = awaitOutput(stdout, timeout);
        output.forEach(line -> System.out.println(task + ": " + line));

        server.deregisterJob(namespaceOf(job), job.id(), false);
        Allocation stopped = await(server, job, allocs -> allocs.stream()
            .filter(a -> a.id().equals(running.id())).allMatch(Allocation::clientTerminal), timeout)
            .stream().filter(a -> a.id().equals(running.id())).findFirst().orElseThrow();
        System.out.println("stopped: allocation " + stopped.id() + " is " + stopped.clientStatus());
        return new Outcome(running.id(), running.nodeID(), running.clientStatus(), output, stopped.clientStatus());
      } finally {
        client.shutdown();
      }
    }
  }

  /** A parsed jobspec without a {@code namespace} runs in {@code default}, as in Nomad. */
  private static String namespaceOf(Job job) {
    return job.namespace() == null ? "default" : job.namespace();
  }

  private static boolean isRunning(Allocation a) {
    return "run".equals(a.desiredStatus()) && "running".equals(a.clientStatus());
  }

  /** Blocking reads on the server until the job's allocations satisfy {@code done}. */
  private static List<Allocation> await(CaravanServer server, Job job, Predicate<List<Allocation>> done,
      Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StateSnapshot snapshot = server.snapshot();
      String namespace = namespaceOf(job);
      List<Allocation> allocs = snapshot.allocsByJob(namespace, job.id());
      if (done.test(allocs)) {
        return allocs;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("job " + job.id() + " did not reach the expected state within " + timeout
            + "; allocations: " + allocs.stream().map(a -> a.id() + "=" + a.clientStatus()).toList()
            + "; evaluations: " + snapshot.evalsByJob(namespace, job.id()).stream()
                .map(e -> e.status() + " " + e.statusDescription() + " " + e.failedTGAllocs()).toList());
      }
      server.awaitIndex(snapshot.latestIndex(), Duration.ofNanos(Math.min(left, 500_000_000L)));
    }
  }

  /** Polls the task's stdout file until it holds a complete line. */
  private static List<String> awaitOutput(Path stdout, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> text = Files.exists(stdout)
          ? Optional.of(Files.readString(stdout, StandardCharsets.UTF_8)) : Optional.empty();
      if (text.isPresent() && text.get().contains("\n")) {
        return text.get().lines().toList();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("no output in " + stdout + " within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Runs the example in a temporary directory and prints what happens. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("caravan-embedded-");
    Outcome outcome = run(dir, Duration.ofSeconds(30));
    System.out.println(outcome);
  }
}
