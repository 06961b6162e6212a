package io.caravan.drivers.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Process-tree helpers over {@code /proc} and {@code kill(1)}: signal a process group, list a tree, read usage. */
public final class ProcTree {

  private static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final long PAGE_SIZE = 4096;

  private ProcTree() {}

  /** Sends a signal (number) to every process of a process group. Returns false when the group is gone. */
  public static boolean signalGroup(long pgid, int signal) {
    return runKill(List.of("kill", "-s", String.valueOf(signal), "--", "-" + pgid));
  }

  /** Sends a signal (number) to one process. Returns false when it is gone. */
  public static boolean signalPid(long pid, int signal) {
    return runKill(List.of("kill", "-s", String.valueOf(signal), "--", String.valueOf(pid)));
  }

  private static boolean runKill(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill(1): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The process and all its live descendants (pids), root first. */
  public static List<Long> tree(long pid) {
    Set<Long> out = new LinkedHashSet<>();
    ProcessHandle.of(pid).ifPresent(h -> {
      out.add(h.pid());
      h.descendants().forEach(d -> out.add(d.pid()));
    });
    return new ArrayList<>(out);
  }

  /** Pids of every live process whose process group is {@code pgid}. */
  public static List<Long> groupMembers(long pgid) {
    List<Long> out = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(h -> {
      if (stat(h.pid()).map(s -> s.pgrp == pgid).orElse(false)) {
        out.add(h.pid());
      }
    });
    return out;
  }

  /** The process start time in clock ticks since boot (field 22 of {@code /proc/<pid>/stat}), if alive. */
  public static Optional<Long> startTicks(long pid) {
    return stat(pid).map(s -> s.startTicks);
  }

  /** Resident memory of a process in bytes, 0 if gone. */
  public static long rssBytes(long pid) {
    try {
      String[] f = Files.readString(Path.of("/proc", String.valueOf(pid), "statm")).trim().split("\\s+");
      return Long.parseLong(f[1]) * PAGE_SIZE;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** User + system CPU time of a process in nanoseconds, 0 if gone. */
  public static long cpuNanos(long pid) {
    return stat(pid).map(s -> (s.utime + s.stime) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)).orElse(0L);
  }

  /** The session a process belongs to (field 6 of its stat), if it is alive. */
  public static Optional<Long> sessionId(long pid) {
    return stat(pid).map(s -> s.session);
  }

  private record Stat(long pgrp, long session, long utime, long stime, long startTicks) {}

  private static Optional<Stat> stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name (field 2) is in parentheses and may contain spaces; fields after it are plain.
      String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); field n is f[n - 3].
      return Optional.of(new Stat(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[11]),
          Long.parseLong(f[12]), Long.parseLong(f[19])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
