package io.caravan.drivers.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cgroup hierarchy this host has and where the current process sits in it, read from {@code /proc/self/cgroup}
 * and {@code /sys/fs/cgroup}.
 *
 * @param version 1 (v1 or hybrid) or 2 (unified only); 0 when no usable cgroup filesystem was found
 * @param root the cgroup mount root, normally {@code /sys/fs/cgroup}
 * @param ownPaths for v1, the current process's cgroup path per controller ({@code memory}, {@code cpu}, ...) and
 *     {@code unified} for the v2 hierarchy of a hybrid host; for v2, the single path under key {@code unified}
 * @param problem why cgroups cannot be used, empty when they can
 */
public record CgroupLayout(int version, Path root, Map<String, String> ownPaths, String problem) {

  /** Detects the layout of this host. */
  public static CgroupLayout detect() {
    return detect(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
  }

  /**
   * Detects the layout of a cgroup filesystem mounted at {@code root}, for a process whose membership is listed in
   * {@code procCgroup} (the format of {@code /proc/<pid>/cgroup}); tests point it at a directory laid out like v1 or
   * v2.
   */
  public static CgroupLayout detect(Path root, Path procCgroup) {
    Map<String, String> own = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(procCgroup)) {
        String[] f = line.split(":", 3);
        if (f.length < 3) {
          continue;
        }
        if (f[1].isEmpty()) {
          own.put("unified", f[2]);
        } else {
          for (String c : f[1].split(",")) {
            own.put(c.startsWith("name=") ? c.substring(5) : c, f[2]);
          }
        }
      }
    } catch (IOException e) {
      return new CgroupLayout(0, root, Map.of(), "cannot read " + procCgroup + ": " + e.getMessage());
    }
    if (Files.exists(root.resolve("cgroup.controllers"))) {
      if (!Files.isWritable(root)) {
        return new CgroupLayout(2, root, own, "cgroup v2 at " + root + " is not writable (need root)");
      }
      return new CgroupLayout(2, root, own, "");
    }
    if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("cpu"))) {
      if (!Files.isWritable(root.resolve("memory"))) {
        return new CgroupLayout(1, root, own, "cgroup v1 memory controller is not writable (need root)");
      }
      return new CgroupLayout(1, root, own, "");
    }
    return new CgroupLayout(0, root, own, "no cgroup v1 memory/cpu controllers and no cgroup v2 at " + root);
  }

  /** Whether limits can be enforced. */
  public boolean usable() {
    return version > 0 && problem.isEmpty();
  }

  /** The v1 controllers the driver uses, in creation order. */
  public static List<String> v1Controllers() {
    return List.of("memory", "cpu", "cpuacct", "pids", "freezer");
  }

  /** The directory of a new child cgroup named {@code name} for a v1 controller, under the process's own cgroup. */
  public Optional<Path> v1Dir(String controller, String name) {
    Path mount = root.resolve(controller);
    if (!Files.isDirectory(mount)) {
      return Optional.empty();
    }
    String own = ownPaths.getOrDefault(controller, "/");
    return Optional.of(mount.resolve(own.substring(1)).resolve("caravan").resolve(name));
  }

  /** The directory of a new child cgroup in the unified (v2) hierarchy, when one is mounted. */
  public Optional<Path> unifiedDir(String name) {
    Path mount = version == 2 ? root : root.resolve("unified");
    if (!Files.exists(mount.resolve("cgroup.procs"))) {
      return Optional.empty();
    }
    if (version == 2) {
      // On a pure v2 host, controllers can only be delegated to leaves: keep task cgroups in a top-level subtree.
      return Optional.of(root.resolve("caravan").resolve(name));
    }
    String own = ownPaths.getOrDefault("unified", "/");
    return Optional.of(mount.resolve(own.substring(1)).resolve("caravan").resolve(name));
  }
}
