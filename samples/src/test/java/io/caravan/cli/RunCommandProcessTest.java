package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Drives {@code caravan run} as a person would: starts the program in its own process on the
 * sample service job, reads its output until the task's port is known, fetches a page from the
 * task, presses Ctrl-C (SIGINT), and checks that the program exited and left no task process behind.
 */
class RunCommandProcessTest {
  private static final Pattern PORT = Pattern.compile("ports http=127\\.0\\.0\\.1:(\\d+)");

  @Test
  void runsTheSampleServiceServesItsPortAndCtrlCLeavesNothingRunning() throws Exception {
    Path job = JobCommandsTest.sampleJobs().resolve("hello-service.nomad.hcl");
    Process p = startAsFromATerminal(job);
    BlockingQueue<String> lines = lines(p);
    List<String> seen = new ArrayList<>();
    try {
      int port = -1;
      boolean running = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((port < 0 || !running) && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        seen.add(line);
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
        running |= line.contains("is running");
      }
      assertThat(port).as("output so far:%n%s", String.join("\n", seen)).isPositive();
      assertThat(running).as("output so far:%n%s", String.join("\n", seen)).isTrue();

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      int status = -1;
      for (int i = 0; i < 40 && status != 200; i++) {
        try {
          status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notYet) {
          Thread.sleep(250);
        }
      }
      assertThat(status).as("the task's HTTP server answers on its port").isEqualTo(200);

      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the program exits after Ctrl-C").isTrue();
      assertThat(p.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      String needle = "http.server " + port;
      assertThat(ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(needle)).orElse(false))
          .toList()).as("no task process is left").isEmpty();
      String rest;
      while ((rest = lines.poll(1, TimeUnit.SECONDS)) != null) {
        seen.add(rest);
      }
      assertThat(seen).anyMatch(l -> l.contains("Stopping job \"hello-service\""))
          .anyMatch(l -> l.contains("Job \"hello-service\" stopped"));
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * Starts {@code caravan run FILE} as from a terminal. A program started in the background by a shell,
   * and everything it starts (Maven, this test), has SIGINT ignored, and a JVM cannot undo that; a
   * terminal's Ctrl-C never meets that case. So python3 (which the sample jobs need anyway) resets
   * SIGINT to its default and execs java.
   */
  private static Process startAsFromATerminal(Path job) throws java.io.IOException {
    return new ProcessBuilder("python3", "-c",
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CaravanMain.class.getName(), "run", job.toString())
        .redirectErrorStream(true).start();
  }

  /** The process's output lines as they come, read by a daemon thread. */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        lines.add("<<output closed: " + e + ">>");
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** Runs {@code caravan run FILE ARGS...} in its own process to the end and returns (exit code, output). */
  private static Object[] runToEnd(Path job, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CaravanMain.class.getName(), "run", job.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      return new Object[] {p.exitValue(), new String(out, StandardCharsets.UTF_8)};
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aBatchJobEndsTheProgramWithItsStatus(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Object[] ok = runToEnd(JobCommandsTest.sampleJobs().resolve("countdown-batch.nomad.hcl"));
    assertThat((String) ok[1]).contains("[countdown] liftoff").contains("==> Job \"countdown\" completed");
    assertThat((int) ok[0]).as((String) ok[1]).isZero();

    Path failing = dir.resolve("fails.nomad.hcl");
    java.nio.file.Files.writeString(failing, """
        job "fails" {
          type = "batch"
          group "g" {
            restart {
              attempts = 0
              mode     = "fail"
            }
            reschedule {
              attempts  = 0
              unlimited = false
            }
            task "t" {
              driver = "raw_exec"
              config {
                command = "/bin/sh"
                args    = ["-c", "echo about to fail; exit 3"]
              }
            }
          }
        }
        """);
    Object[] bad = runToEnd(failing);
    assertThat((String) bad[1]).contains("[t] about to fail").contains("==> Job \"fails\" failed");
    assertThat((int) bad[0]).as((String) bad[1]).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void aParameterizedJobIsDispatchedOnceAndEndsWithItsStatus(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path payload = dir.resolve("message.txt");
    java.nio.file.Files.writeString(payload, "a payload line\n");
    Object[] ok = runToEnd(JobCommandsTest.sampleJobs().resolve("parameterized-greet.nomad.hcl"),
        "-meta", "name=caravan", "-payload", payload.toString());
    assertThat((String) ok[1]).contains("==> Dispatched \"greet/dispatch-").contains("[greet] hello, caravan!")
        .contains("[greet] a payload line").containsPattern("==> Job \"greet/dispatch-[^\"]+\" completed");
    assertThat((int) ok[0]).as((String) ok[1]).isZero();
  }

  @Test
  void aPeriodicJobShowsItsLaunchesUntilCtrlC() throws Exception {
    Path job = JobCommandsTest.sampleJobs().resolve("periodic-report.nomad.hcl");
    Process p = startAsFromATerminal(job);
    BlockingQueue<String> lines = lines(p);
    List<String> seen = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (seen.stream().noneMatch(l -> l.matches("==> Job \"periodic-report/periodic-\\d+\" completed.*"))
          && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null) {
          seen.add(line);
        }
      }
      assertThat(seen).as("output so far:%n%s", String.join("\n", seen))
          .anyMatch(l -> l.startsWith("==> Periodic job: launches on \"* * * * *\" (UTC)"))
          .anyMatch(l -> l.startsWith("==> Launched \"periodic-report/periodic-"))
          .anyMatch(l -> l.contains("[report] MemFree:"))
          .anyMatch(l -> l.matches("==> Job \"periodic-report/periodic-\\d+\" completed.*"));

      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the program exits after Ctrl-C").isTrue();
      assertThat(p.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      String rest;
      while ((rest = lines.poll(1, TimeUnit.SECONDS)) != null) {
        seen.add(rest);
      }
      assertThat(seen).anyMatch(l -> l.contains("Job \"periodic-report\" stopped"));
    } finally {
      p.destroyForcibly();
    }
  }
}
