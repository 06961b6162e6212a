package io.caravan.runtime.fingerprint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fingerprints a Linux host from {@code /proc}, {@code /etc/os-release}, {@code /sys/fs/cgroup} and Java's network
 * and file-store APIs. The roots are injectable so tests can point it at a fake tree.
 */
public final class LinuxHostFingerprinter implements Fingerprinter {

  private final Path procRoot;
  private final Path etcRoot;
  private final Path cgroupRoot;
  private final Path dataDir;
  private final boolean includeNetwork;

  /** Fingerprints this host; disk figures are for the volume holding {@code dataDir}. */
  public LinuxHostFingerprinter(Path dataDir) {
    this(Path.of("/proc"), Path.of("/etc"), Path.of("/sys/fs/cgroup"), dataDir, true);
  }

  /** Fingerprints from the given roots (for tests); {@code includeNetwork} false skips the live interfaces. */
  public LinuxHostFingerprinter(Path procRoot, Path etcRoot, Path cgroupRoot, Path dataDir, boolean includeNetwork) {
    this.procRoot = procRoot;
    this.etcRoot = etcRoot;
    this.cgroupRoot = cgroupRoot;
    this.dataDir = dataDir;
    this.includeNetwork = includeNetwork;
  }

  @Override
  public HostFingerprint fingerprint() {
    Map<String, String> a = new TreeMap<>();
    // CPU
    List<String> cpuinfo = lines(procRoot.resolve("cpuinfo"));
    int cores = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
    if (cores == 0) {
      cores = Runtime.getRuntime().availableProcessors();
    }
    long mhz = Math.round(field(cpuinfo, "cpu MHz").map(Double::parseDouble).orElse(0.0));
    field(cpuinfo, "model name").ifPresent(m -> a.put("cpu.modelname", m));
    a.put("cpu.numcores", String.valueOf(cores));
    if (mhz > 0) {
      a.put("cpu.frequency", String.valueOf(mhz));
      a.put("cpu.totalcompute", String.valueOf(mhz * cores));
    }
    String arch = normaliseArch(System.getProperty("os.arch"));
    a.put("cpu.arch", arch);
    a.put("arch", arch);
    // Memory
    long memBytes = field(lines(procRoot.resolve("meminfo")), "MemTotal")
        .map(v -> Long.parseLong(v.replace("kB", "").trim()) * 1024).orElse(0L);
    if (memBytes > 0) {
      a.put("memory.totalbytes", String.valueOf(memBytes));
    }
    // Kernel and OS
    String ostype = firstLine(procRoot.resolve("sys/kernel/ostype")).orElse("Linux");
    a.put("kernel.name", ostype.toLowerCase(java.util.Locale.ROOT));
    firstLine(procRoot.resolve("sys/kernel/osrelease")).ifPresent(v -> a.put("kernel.version", v));
    a.put("kernel.arch", arch);
    Map<String, String> osRelease = keyValues(lines(etcRoot.resolve("os-release")));
    a.put("os.name", osRelease.getOrDefault("ID", ostype.toLowerCase(java.util.Locale.ROOT)));
    Optional.ofNullable(osRelease.get("VERSION_ID")).ifPresent(v -> a.put("os.version", v));
    firstLine(procRoot.resolve("sys/kernel/hostname")).ifPresent(h -> a.put("unique.hostname", h));
    // cgroups
    if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
      a.put("unique.cgroup.version", "v2");
      a.put("unique.cgroup.mountpoint", cgroupRoot.toString());
    } else if (Files.isDirectory(cgroupRoot.resolve("memory"))) {
      a.put("unique.cgroup.version", "v1");
      a.put("unique.cgroup.mountpoint", cgroupRoot.toString());
    }
    // Disk
    long diskTotal = 0;
    long diskFree = 0;
    try {
      FileStore store = Files.getFileStore(existingAncestor(dataDir));
      diskTotal = store.getTotalSpace();
      diskFree = store.getUsableSpace();
      a.put("unique.storage.volume", store.name());
      a.put("unique.storage.bytestotal", String.valueOf(diskTotal));
      a.put("unique.storage.bytesfree", String.valueOf(diskFree));
    } catch (IOException e) {
      a.put("unique.storage.error", e.getMessage());
    }
    // Network
    List<NetworkInterfaceInfo> ifaces = includeNetwork ? interfaces() : List.of();
    ifaces.stream().flatMap(i -> i.addresses().stream()).filter(s -> !s.contains(":")).findFirst()
        .ifPresent(ip -> a.put("unique.network.ip-address", ip));
    HostResources resources = new HostResources(cores, mhz, mhz * cores, memBytes, diskTotal, diskFree);
    return new HostFingerprint(ImmutableSortedMap.copyOf(a), resources, ImmutableList.copyOf(ifaces));
  }

  private static Path existingAncestor(Path p) {
    Path cur = p.toAbsolutePath();
    while (cur != null && !Files.exists(cur)) {
      cur = cur.getParent();
    }
    return cur == null ? Path.of("/") : cur;
  }

  private static String normaliseArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> javaArch;
    };
  }

  private static List<NetworkInterfaceInfo> interfaces() {
    List<NetworkInterfaceInfo> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (ni.isLoopback() || !ni.isUp()) {
          continue;
        }
        List<InetAddress> addrs = new ArrayList<>(Collections.list(ni.getInetAddresses()));
        addrs.sort(Comparator.comparing((InetAddress x) -> !(x instanceof Inet4Address))
            .thenComparing(InetAddress::getHostAddress));
        ImmutableList<String> text = addrs.stream().map(x -> x.getHostAddress().replaceAll("%.*$", ""))
            .collect(ImmutableList.toImmutableList());
        out.add(new NetworkInterfaceInfo(ni.getName(), text, ni.getMTU()));
      }
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot list network interfaces: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(NetworkInterfaceInfo::name));
    return out;
  }

  private static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<String> firstLine(Path p) {
    return lines(p).stream().map(String::trim).filter(s -> !s.isEmpty()).findFirst();
  }

  private static Optional<String> field(List<String> lines, String key) {
    for (String l : lines) {
      int colon = l.indexOf(':');
      if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
        return Optional.of(l.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> keyValues(List<String> lines) {
    Map<String, String> m = new TreeMap<>();
    for (String l : lines) {
      int eq = l.indexOf('=');
      if (eq > 0) {
        m.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
      }
    }
    return m;
  }
}
