package io.caravan.runtime.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxHostFingerprinterTest {

  @TempDir Path fake;

  @Test
  void readsNomadStyleAttributesFromAFakeHost() throws Exception {
    Path proc = fake.resolve("proc");
    Files.createDirectories(proc.resolve("sys/kernel"));
    Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU\ncpu MHz\t\t: 2000.4\n\n"
        + "processor\t: 1\nmodel name\t: Test CPU\ncpu MHz\t\t: 2000.4\n");
    Files.writeString(proc.resolve("meminfo"), "MemTotal:        1024 kB\nMemFree: 10 kB\n");
    Files.writeString(proc.resolve("sys/kernel/ostype"), "Linux\n");
    Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-test\n");
    Files.writeString(proc.resolve("sys/kernel/hostname"), "node-7\n");
    Path etc = fake.resolve("etc");
    Files.createDirectories(etc);
    Files.writeString(etc.resolve("os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
    Path cgroup = fake.resolve("cgroup");
    Files.createDirectories(cgroup);
    Files.writeString(cgroup.resolve("cgroup.controllers"), "cpu memory\n");

    HostFingerprint fp = new LinuxHostFingerprinter(proc, etc, cgroup, fake, false).fingerprint();

    assertThat(fp.attributes())
        .containsEntry("cpu.numcores", "2")
        .containsEntry("cpu.frequency", "2000")
        .containsEntry("cpu.totalcompute", "4000")
        .containsEntry("cpu.modelname", "Test CPU")
        .containsEntry("memory.totalbytes", "1048576")
        .containsEntry("kernel.name", "linux")
        .containsEntry("kernel.version", "6.1.0-test")
        .containsEntry("os.name", "debian")
        .containsEntry("os.version", "12")
        .containsEntry("unique.hostname", "node-7")
        .containsEntry("unique.cgroup.version", "v2")
        .containsKeys("arch", "unique.storage.bytestotal");
    assertThat(fp.resources()).isEqualTo(new HostResources(2, 2000, 4000, 1048576,
        fp.resources().diskBytes(), fp.resources().diskFreeBytes()));
    assertThat(fp.resources().diskBytes()).isPositive();
  }

  @Test
  void fingerprintsThisHost() {
    HostFingerprint fp = new LinuxHostFingerprinter(Path.of(System.getProperty("java.io.tmpdir"))).fingerprint();

    assertThat(fp.attributes()).containsKeys("cpu.numcores", "memory.totalbytes", "kernel.name", "kernel.version",
        "os.name", "arch", "unique.hostname");
    assertThat(fp.resources().cpuCores()).isEqualTo(Integer.parseInt(fp.attributes().get("cpu.numcores")))
        .isPositive();
    assertThat(fp.resources().memoryBytes()).isPositive();
    assertThat(fp.interfaces()).allSatisfy(i -> assertThat(i.name()).isNotEqualTo("lo"));
  }
}
