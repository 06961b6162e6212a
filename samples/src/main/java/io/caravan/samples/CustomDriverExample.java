package io.caravan.samples;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.runtime.client.HostClient;
import io.caravan.runtime.client.NodeAssembler;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.store.StateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Runs a job on a custom task driver found through {@link java.util.ServiceLoader}: the
 * {@link HostClient} discovers every {@link io.caravan.runtime.driver.TaskDriver} named in a
 * {@code META-INF/services/io.caravan.runtime.driver.TaskDriver} file on the class path, so a
 * driver jar with such an entry (here {@link GreetingDriver}) is offered by the node without any
 * code naming it; the node's fingerprint carries {@code driver.greeting}, the scheduler places a
 * batch job whose task uses {@code driver = "greeting"} there, and the task's greeting appears in
 * its stdout.
 *
 * <p>The services entry for {@link GreetingDriver} lives in the samples' <em>test</em> resources,
 * so the {@code caravan} program does not offer a demo driver on every node; run {@link #main} on
 * the test class path, or put an entry naming your own driver in your jar.
 */
public final class CustomDriverExample {
  private CustomDriverExample() {}

  /**
   * What one run saw.
   *
   * @param nodeDrivers the drivers the client node registered with
   * @param alloc the job's allocation once its task had exited
   * @param output the task's stdout lines
   */
  public record Outcome(Set<String> nodeDrivers, Allocation alloc, List<String> output) {}

  /** A batch job with one {@code greeting} task greeting {@code name}. */
  public static Job greetingJob(String name) {
    return Job.builder().id("greet").namespace("default").type("batch").priority(50).datacenters(List.of("*"))
        .taskGroups(List.of(TaskGroup.builder().name("greet").count(1)
            .restartPolicy(new RestartPolicy(Duration.ofMinutes(1), 0, Duration.ofSeconds(1), "fail", null))
            .task(Task.builder().name("hello").driver(GreetingDriver.NAME)
                .config("name", name).config("linger", "200ms")
                .resources(Resources.builder().cpu(10).memoryMB(16).build()).build())
            .build()))
        .build();
  }

  /** Starts a server and a client keeping its state in {@code dataDir}, runs {@link #greetingJob} to completion. */
  public static Outcome run(Path dataDir, String name, Duration timeout) throws IOException, InterruptedException {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().build()).name("custom-driver").start()) {
      HostClient client = HostClient.builder(dataDir, server.clientTransport())
          .address(NodeAssembler.HostAddress.LOOPBACK).pullWait(Duration.ofSeconds(1)).start();
      try {
        if (client.drivers().driver(GreetingDriver.NAME).isEmpty()) {
          throw new IllegalStateException("no " + GreetingDriver.NAME + " driver on the class path: add a "
              + "META-INF/services/io.caravan.runtime.driver.TaskDriver entry naming " + GreetingDriver.class.getName());
        }
        Set<String> drivers = client.node().drivers().keySet();
        System.out.println("node " + client.node().id() + " offers drivers " + drivers);

        Job job = greetingJob(name);
        server.registerJob(job);
        Allocation done = awaitFinished(server, job, timeout);
        String task = job.taskGroups().get(0).tasks().get(0).name();
        Path stdout = client.allocDir(done.id()).resolve("alloc").resolve("logs").resolve(task + ".stdout.0");
        List<String> output = Files.readString(stdout, StandardCharsets.UTF_8).lines().toList();
        System.out.println("allocation " + done.id() + " " + done.clientStatus() + "; output " + output);
        return new Outcome(Set.copyOf(drivers), done, output);
      } finally {
        client.shutdown();
      }
    }
  }

  private static Allocation awaitFinished(CaravanServer server, Job job, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StateSnapshot snapshot = server.snapshot();
      List<Allocation> allocs = snapshot.allocsByJob(job.namespace(), job.id());
      if (!allocs.isEmpty() && allocs.stream().allMatch(Allocation::clientTerminal)) {
        return allocs.get(0);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("job " + job.id() + " did not finish within " + timeout + "; allocations: "
            + allocs.stream().map(a -> a.id() + "=" + a.clientStatus()).toList());
      }
      server.awaitIndex(snapshot.latestIndex(), Duration.ofNanos(Math.min(left, 500_000_000L)));
    }
  }

  /** True when {@link java.util.ServiceLoader} finds {@link GreetingDriver} on the context class path. */
  public static boolean greetingDriverOnClassPath() {
    return ServiceLoader.load(TaskDriver.class).stream()
        .anyMatch(p -> p.type() == GreetingDriver.class);
  }

  /** Runs the example in a temporary directory (needs the services entry on the class path). */
  public static void main(String[] args) throws Exception {
    if (!greetingDriverOnClassPath()) {
      System.err.println("The greeting driver is not registered on this class path: add a "
          + "META-INF/services/io.caravan.runtime.driver.TaskDriver entry naming " + GreetingDriver.class.getName()
          + " (the samples keep theirs in src/test/resources, so the caravan jar does not offer it).");
      System.exit(2);
    }
    Outcome o = run(Files.createTempDirectory("caravan-custom-driver-"), args.length > 0 ? args[0] : "world",
        Duration.ofSeconds(30));
    System.out.println(o.output());
  }
}
