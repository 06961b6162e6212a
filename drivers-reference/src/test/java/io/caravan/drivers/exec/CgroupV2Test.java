package io.caravan.drivers.exec;

import static io.caravan.drivers.testing.TaskFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.drivers.process.Isolation;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 code path against a directory laid out like a unified hierarchy (this machine has v1): detection,
 * the files and values written, the task joining its cgroup before exec, and the readings taken back.
 */
class CgroupV2Test {

  @TempDir Path dir;

  private Path fakeV2Root() throws Exception {
    Path root = dir.resolve("cgroupfs");
    Files.createDirectories(root);
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
    Files.writeString(root.resolve("cgroup.subtree_control"), "");
    Files.writeString(root.resolve("cgroup.procs"), "");
    return root;
  }

  private CgroupLayout detect(Path root) throws Exception {
    Path self = dir.resolve("self-cgroup");
    Files.writeString(self, "0::/user.slice/session-1.scope\n");
    return CgroupLayout.detect(root, self);
  }

  @Test
  void detectsAUnifiedHierarchyAndPlacesTasksUnderATopLevelCaravanCgroup() throws Exception {
    CgroupLayout layout = detect(fakeV2Root());

    assertThat(layout.version()).isEqualTo(2);
    assertThat(layout.usable()).as(layout.problem()).isTrue();
    assertThat(layout.ownPaths()).containsEntry("unified", "/user.slice/session-1.scope");
    assertThat(layout.unifiedDir("t1")).contains(dir.resolve("cgroupfs/caravan/t1"));
  }

  @Test
  void detectsV1WhenOnlyControllerHierarchiesAreMounted() throws Exception {
    Path root = dir.resolve("v1");
    Files.createDirectories(root.resolve("memory"));
    Files.createDirectories(root.resolve("cpu"));
    Path self = dir.resolve("self-v1");
    Files.writeString(self, "4:memory:/a/b\n1:cpu,cpuacct:/\n0::/\n");

    CgroupLayout layout = CgroupLayout.detect(root, self);

    assertThat(layout.version()).isEqualTo(1);
    assertThat(layout.v1Dir("memory", "t")).contains(root.resolve("memory/a/b/caravan/t"));
    assertThat(layout.ownPaths()).containsEntry("cpuacct", "/");
  }

  @Test
  void writesMemorySwapCpuAndPidsLimitsInV2FilesAndTheTaskJoinsBeforeExec() throws Exception {
    Path root = fakeV2Root();
    CgroupIsolation isolation = new CgroupIsolation(detect(root), false);
    TaskConfig cfg = task(dir, "web", "sh").id("alloc1/web")
        .resources(TaskResources.memory(64).withCpuHardLimit(500, 1000L * Runtime.getRuntime().availableProcessors())
            .withPidsLimit(50))
        .build();
    Path cg = root.resolve("caravan/alloc1_web");
    // The kernel creates the interface files with the directory; swap accounting shows as memory.swap.max.
    Files.createDirectories(cg);
    Files.writeString(cg.resolve("memory.swap.max"), "max\n");

    Isolation.Prepared prepared = isolation.prepare(cfg, List.of("/bin/sh", "-c", "echo $$"));

    assertThat(prepared.state()).containsEntry("cg.unified", cg.toString());
    assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
    assertThat(Files.readString(root.resolve("caravan/cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
    assertThat(Files.readString(cg.resolve("memory.max"))).isEqualTo(String.valueOf(64L * 1024 * 1024));
    assertThat(Files.readString(cg.resolve("memory.swap.max"))).isEqualTo("0");
    // Half a CPU: 500 of 1000 MHz per core.
    assertThat(Files.readString(cg.resolve("cpu.max"))).isEqualTo("50000 100000");
    assertThat(Files.readString(cg.resolve("cpu.weight"))).isEqualTo(String.valueOf(CgroupIsolation.cpuWeight(500)));
    assertThat(Files.readString(cg.resolve("pids.max"))).isEqualTo("50");

    Process p = new ProcessBuilder(prepared.command()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(Files.readString(cg.resolve("cgroup.procs")).trim())
        .as("the pid the task itself printed was written to cgroup.procs before exec").isEqualTo(out);
  }

  @Test
  void noMemorySwapMaxIsWrittenWithoutSwapAccountingAndNoCpuMaxWithoutAHardLimit() throws Exception {
    Path root = fakeV2Root();
    CgroupIsolation isolation = new CgroupIsolation(detect(root), false);
    TaskConfig cfg = task(dir, "soft", "sh").id("a/soft")
        .resources(new TaskResources(256, 0, 32, 0, false, 0, 0)).build();

    isolation.prepare(cfg, List.of("true"));

    Path cg = root.resolve("caravan/a_soft");
    assertThat(cg.resolve("memory.swap.max")).doesNotExist();
    assertThat(cg.resolve("cpu.max")).doesNotExist();
    assertThat(Files.readString(cg.resolve("cpu.weight"))).isEqualTo(String.valueOf(CgroupIsolation.cpuWeight(256)));
  }

  @Test
  void cpuWeightFollowsTheSharesToWeightConversionOfRuncAndSystemd() {
    assertThat(CgroupIsolation.cpuWeight(2)).isEqualTo(1);
    assertThat(CgroupIsolation.cpuWeight(1024)).isEqualTo(39);
    assertThat(CgroupIsolation.cpuWeight(262_144)).isEqualTo(10_000);
    assertThat(CgroupIsolation.cpuWeight(0)).as("clamped to the minimum share").isEqualTo(1);
    assertThat(CgroupIsolation.cpuWeight(10_000_000)).as("clamped to the maximum share").isEqualTo(10_000);
  }

  @Test
  void readsOomKillsMemoryAndCpuFromV2Files() throws Exception {
    Path cg = dir.resolve("cg");
    Files.createDirectories(cg);
    Files.writeString(cg.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
    Files.writeString(cg.resolve("memory.current"), "4096000\n");
    Files.writeString(cg.resolve("memory.peak"), "8192000\n");
    Files.writeString(cg.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"
        + "nr_periods 10\nnr_throttled 4\nthrottled_usec 900\n");
    CgroupIsolation isolation = new CgroupIsolation(detect(fakeV2Root()), false);
    Map<String, String> state = Map.of("cg.unified", cg.toString());

    assertThat(isolation.oomKilled(state)).isTrue();
    assertThat(isolation.memoryUsage(state)).hasValue(4_096_000);
    assertThat(isolation.memoryMaxUsage(state)).hasValue(8_192_000);
    assertThat(isolation.cpuNanos(state)).hasValue(1_500_000);
    assertThat(isolation.throttledPeriods(state)).isEqualTo(4);

    Files.writeString(cg.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
    assertThat(isolation.oomKilled(state)).isFalse();
  }
}
