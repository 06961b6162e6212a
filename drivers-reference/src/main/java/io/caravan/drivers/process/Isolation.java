package io.caravan.drivers.process;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.TaskConfig;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a process-based driver confines a task: wraps its command (cgroups, namespaces, user) and cleans up after it.
 * {@link #NONE} runs the command as is.
 */
public interface Isolation {

  /** No isolation: the command runs directly on the host. */
  Isolation NONE = new Isolation() {
    @Override
    public Prepared prepare(TaskConfig config, List<String> command) {
      return new Prepared(ImmutableList.copyOf(command), ImmutableMap.of());
    }

    @Override
    public String describe() {
      return "none";
    }
  };

  /** A command wrapped for launch, plus the state needed to recover and clean up (persisted in the handle). */
  record Prepared(ImmutableList<String> command, ImmutableMap<String, String> state) {}

  /** Sets up the confinement (e.g. creates cgroups) and wraps the command. */
  Prepared prepare(TaskConfig config, List<String> command);

  /** Whether the task was killed for running out of memory (read after it exited). */
  default boolean oomKilled(Map<String, String> state) {
    return false;
  }

  /** Kills every process of the task, if the isolation can (e.g. through its cgroup); returns whether it did. */
  default boolean killAll(Map<String, String> state) {
    return false;
  }

  /** The pids in the task's confinement, when known (empty list when the isolation does not track them). */
  default List<Long> pids(Map<String, String> state) {
    return List.of();
  }

  /** Memory charged to the task, when the isolation measures it. */
  default OptionalLong memoryUsage(Map<String, String> state) {
    return OptionalLong.empty();
  }

  /** Peak memory charged to the task, when known. */
  default OptionalLong memoryMaxUsage(Map<String, String> state) {
    return OptionalLong.empty();
  }

  /** CPU time charged to the task in nanoseconds, when measured. */
  default OptionalLong cpuNanos(Map<String, String> state) {
    return OptionalLong.empty();
  }

  /** CFS periods in which the task was throttled, when measured. */
  default long throttledPeriods(Map<String, String> state) {
    return 0;
  }

  /** Wraps a command to run inside the task's confinement (for exec); default: as is. */
  default List<String> wrapExec(Map<String, String> state, long taskPid, List<String> command) {
    return command;
  }

  /** Releases the confinement after the task is dead (removes cgroups). */
  default void cleanup(Map<String, String> state) {}

  /** One line describing the isolation, for fingerprints and logs. */
  String describe();
}
