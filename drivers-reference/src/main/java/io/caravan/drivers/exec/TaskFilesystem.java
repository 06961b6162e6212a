package io.caravan.drivers.exec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.MountConfig;
import io.caravan.runtime.driver.TaskConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exec driver's task filesystem, as Nomad builds it on Linux: the task directory becomes the task's {@code /}, the
 * host paths of the {@code chroot_env} map are bind-mounted into it read-only, the allocation's shared directory
 * appears at {@code /alloc}, a fresh {@code /proc} and a minimal {@code /dev} (null, zero, full, random, urandom,
 * tty) are mounted, and the task is entered with {@code chroot} as an unprivileged user.
 *
 * <p>The mounts are made inside the task's private mount namespace, so the host never sees them; only empty mount
 * points (directories, files, and copies of host symlinks such as {@code /bin -> usr/bin}) are left in the task
 * directory.
 *
 * @param chrootEnv host path to task path of everything bound read-only into the task (Nomad's client option
 *     {@code chroot_env}); host paths missing on this machine are skipped
 * @param problem why this host cannot build the filesystem (not root, no {@code mount}/{@code chroot}, missing
 *     capabilities); empty when it can
 */
public record TaskFilesystem(ImmutableMap<String, String> chrootEnv, String problem) {

  /**
   * Nomad's default {@code chroot_env}, with {@code /etc} narrowed to the files programs need to run (users, name
   * resolution, the dynamic linker's cache, time zone, certificates and Debian's alternatives links).
   */
  public static final ImmutableMap<String, String> DEFAULT_CHROOT_ENV = identity(
      "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/usr", "/run/resolvconf",
      "/etc/passwd", "/etc/group", "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf",
      "/etc/hostname", "/etc/localtime", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
      "/etc/alternatives", "/etc/ssl", "/etc/ca-certificates", "/etc/pki");

  /** Task paths the driver builds itself, which {@code chroot_env} may not cover. */
  private static final ImmutableSet<String> RESERVED = ImmutableSet.of("/", "/alloc", "/local", "/secrets", "/tmp",
      "/dev", "/proc");

  private static final ImmutableList<String> DEVICES = ImmutableList.of("null", "zero", "full", "random", "urandom",
      "tty");

  /** Mounts everything given as (kind, source, target) triples under the root in $1, then execs the rest. */
  private static final String SETUP = String.join("\n",
      "r=$1; shift",
      "while [ \"$1\" != -- ]; do",
      "  k=$1; s=$2; t=$r$3; shift 3",
      "  case $k in",
      "    ro) mount --bind -o ro,nosuid \"$s\" \"$t\" ;;",
      "    rw) mount --bind -o nosuid \"$s\" \"$t\" ;;",
      "    proc) mount -t proc -o nosuid,nodev,noexec proc \"$t\" ;;",
      "    dev) mount -t tmpfs -o nosuid,noexec,mode=755,size=64k tmpfs \"$t\" && mkdir \"$t/shm\" \"$t/pts\""
          + " && ln -s /proc/self/fd \"$t/fd\" && ln -s /proc/self/fd/0 \"$t/stdin\""
          + " && ln -s /proc/self/fd/1 \"$t/stdout\" && ln -s /proc/self/fd/2 \"$t/stderr\""
          + " && for n in " + String.join(" ", DEVICES) + "; do : > \"$t/$n\" && mount --bind \"/dev/$n\" \"$t/$n\""
          + " || exit 125; done ;;",
      "    *) false ;;",
      "  esac || { echo \"caravan: cannot mount $k $s at $t\" >&2; exit 125; }",
      "done",
      "shift",
      "exec \"$@\"");

  private static ImmutableMap<String, String> identity(String... paths) {
    ImmutableMap.Builder<String, String> b = ImmutableMap.builder();
    for (String p : paths) {
      b.put(p, p);
    }
    return b.build();
  }

  public TaskFilesystem {
    chrootEnv = ImmutableMap.copyOf(chrootEnv);
    problem = problem == null ? "" : problem;
  }

  /** The filesystem with the given {@code chroot_env}, checked against what this host can do. */
  public static TaskFilesystem detect(Map<String, String> chrootEnv) {
    return new TaskFilesystem(validate(chrootEnv), hostProblem());
  }

  /** The filesystem with Nomad's default {@code chroot_env}, checked against this host. */
  public static TaskFilesystem detect() {
    return detect(DEFAULT_CHROOT_ENV);
  }

  /**
   * Checks a {@code chroot_env} map from the driver's plugin config.
   *
   * @throws DriverConfigException naming {@code chroot_env} for a relative path, a {@code ..} step or a task path
   *     the driver builds itself
   */
  public static ImmutableMap<String, String> validate(Map<?, ?> chrootEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : chrootEnv.entrySet()) {
      String host = String.valueOf(e.getKey());
      String task = String.valueOf(e.getValue());
      for (String p : List.of(host, task)) {
        if (!p.startsWith("/") || Stream.of(p.split("/")).anyMatch(c -> c.equals("..") || c.equals("."))) {
          throw new DriverConfigException("chroot_env", "path \"" + p + "\" must be absolute and normalized");
        }
      }
      String normalized = Path.of(task).normalize().toString();
      if (RESERVED.contains(normalized)) {
        throw new DriverConfigException("chroot_env", "task path \"" + task + "\" is built by the driver itself");
      }
      out.put(Path.of(host).normalize().toString(), normalized);
    }
    return ImmutableMap.copyOf(out);
  }

  /** Why this host cannot build task filesystems, empty when it can. */
  public static String hostProblem() {
    Optional<String> status = readStatus();
    if (status.isEmpty()) {
      return "cannot read /proc/self/status";
    }
    long euid = field(status.get(), "Uid:", 1);
    if (euid != 0) {
      return "building a task filesystem needs root (the client runs as uid " + euid + ")";
    }
    long capEff = field(status.get(), "CapEff:", 0, 16);
    for (int[] cap : new int[][] {{21, 0}, {18, 1}, {6, 2}, {7, 3}}) {
      if ((capEff & (1L << cap[0])) == 0) {
        String name = List.of("CAP_SYS_ADMIN", "CAP_SYS_CHROOT", "CAP_SETGID", "CAP_SETUID").get(cap[1]);
        return "the client lacks " + name + ", needed to mount and chroot task filesystems";
      }
    }
    for (String tool : List.of("mount", "chroot")) {
      if (which(tool).isEmpty()) {
        return tool + "(8) is not installed";
      }
    }
    return "";
  }

  private static Optional<String> readStatus() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/self/status")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long field(String status, String key, int index) {
    return field(status, key, index, 10);
  }

  private static long field(String status, String key, int index, int radix) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key)) {
        return Long.parseUnsignedLong(line.substring(key.length()).trim().split("\\s+")[index], radix);
      }
    }
    return -1;
  }

  /** The path of a program in the usual system directories. */
  static Optional<String> which(String tool) {
    return Stream.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").map(d -> d + "/" + tool)
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
  }

  /** Whether task filesystems can be built here. */
  public boolean usable() {
    return problem.isEmpty();
  }

  /**
   * Creates the mount points in the task directory and wraps the command: mount everything inside the task's mount
   * namespace, then {@code chroot} into the task directory as {@code uid:gid}.
   *
   * @param config the task; its task directory becomes the root
   * @param user the numeric user and group the task runs as
   * @param command the task's command, with paths as the task sees them
   */
  public List<String> wrap(TaskConfig config, UserIds user, List<String> command) {
    Path root = config.taskDir();
    if (root == null) {
      throw new DriverException("task " + config.id() + " has no task directory to use as its root", false, null);
    }
    List<String> mounts = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : chrootEnv.entrySet()) {
        Path host = Path.of(e.getKey());
        if (!Files.exists(host)) {
          continue;
        }
        Path target = inRoot(root, e.getValue());
        if (Files.isSymbolicLink(host) && e.getKey().equals(e.getValue())) {
          // /bin -> usr/bin on merged-/usr hosts: the same link inside the task resolves through the bound /usr.
          symlink(target, Files.readSymbolicLink(host));
          continue;
        }
        mountPoint(target, Files.isDirectory(host));
        mounts.addAll(List.of("ro", host.toRealPath().toString(), e.getValue()));
      }
      if (config.allocDir() != null) {
        mountPoint(root.resolve("alloc"), true);
        mounts.addAll(List.of("rw", config.allocDir().toAbsolutePath().toString(), "/alloc"));
      }
      for (MountConfig m : config.mounts()) {
        Path host = Path.of(m.hostPath());
        if (!Files.exists(host)) {
          throw new DriverException("mount source " + m.hostPath() + " of task " + config.id() + " does not exist",
              false, null);
        }
        mountPoint(inRoot(root, m.taskPath()), Files.isDirectory(host));
        mounts.addAll(List.of(m.readOnly() ? "ro" : "rw", host.toRealPath().toString(),
            Path.of(m.taskPath()).normalize().toString()));
      }
      mountPoint(root.resolve("proc"), true);
      mounts.addAll(List.of("proc", "proc", "/proc"));
      mountPoint(root.resolve("dev"), true);
      mounts.addAll(List.of("dev", "dev", "/dev"));
      Files.createDirectories(root.resolve("tmp"));
      giveToUser(root, user);
    } catch (IOException e) {
      throw new DriverException("cannot prepare the filesystem of task " + config.id() + ": " + e.getMessage(), true,
          e);
    }
    String chroot = which("chroot").orElse("chroot");
    return ImmutableList.<String>builder()
        .add("/bin/sh", "-c", SETUP, "caravan-chroot", root.toAbsolutePath().toString())
        .addAll(mounts)
        .add("--", chroot, "--userspec=" + user.uid() + ":" + user.gid(), "--groups=" + user.gid(),
            root.toAbsolutePath().toString())
        .addAll(command)
        .build();
  }

  /** The task directory's {@code local/}, {@code secrets/} and {@code tmp/} belong to the task's user. */
  private static void giveToUser(Path root, UserIds user) throws IOException {
    if (user.uid() == 0) {
      return;
    }
    for (String dir : List.of("local", "secrets", "tmp")) {
      Path p = root.resolve(dir);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.setAttribute(p, "unix:uid", (int) user.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", (int) user.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** A task path (absolute, as the task sees it) inside the task directory; refuses {@code ..} escapes. */
  static Path inRoot(Path root, String taskPath) {
    Path p = root.resolve(taskPath.substring(taskPath.startsWith("/") ? 1 : 0)).normalize();
    if (!p.startsWith(root.normalize()) || p.equals(root.normalize())) {
      throw new DriverException("task path " + taskPath + " is outside the task directory " + root, false, null);
    }
    return p;
  }

  private static void mountPoint(Path target, boolean directory) throws IOException {
    if (Files.isSymbolicLink(target)) {
      // A link left by the task (or an older layout) must not redirect the mount.
      Files.delete(target);
    }
    Files.createDirectories(target.getParent());
    if (directory) {
      Files.createDirectories(target);
    } else if (!Files.exists(target)) {
      Files.createFile(target);
    }
  }

  private static void symlink(Path target, Path linkTo) throws IOException {
    if (Files.isSymbolicLink(target) && Files.readSymbolicLink(target).equals(linkTo)) {
      return;
    }
    Files.createDirectories(target.getParent());
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(target)) {
        if (s.findAny().isPresent()) {
          throw new IOException(target + " should become a link to " + linkTo + " but is a non-empty directory");
        }
      }
    }
    Files.deleteIfExists(target);
    Files.createSymbolicLink(target, linkTo);
  }

  /**
   * Finds a command the way the task's shell would, but in the task's filesystem: a relative path is taken from the
   * task directory, a bare name is searched in the task's PATH. Returns the path as the task sees it.
   *
   * @throws DriverConfigException naming {@code config.command} when the task could not run it
   */
  public String resolve(String command, TaskConfig config, String path) {
    Path root = config.taskDir();
    if (command.contains("/")) {
      String inTask = command.startsWith("/") ? command : "/" + command;
      if (!executable(root, config, inTask)) {
        throw new DriverConfigException("command", "\"" + command + "\" is not an executable file in the task's "
            + "filesystem (its task directory plus chroot_env)");
      }
      return Path.of(inTask).normalize().toString();
    }
    String searchPath = Optional.ofNullable(config.env().get("PATH")).orElse(path);
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.startsWith("/")) {
        String candidate = Path.of(dir, command).normalize().toString();
        if (executable(root, config, candidate)) {
          return candidate;
        }
      }
    }
    throw new DriverConfigException("command", "\"" + command + "\" was not found in PATH " + searchPath
        + " of the task's filesystem");
  }

  private boolean executable(Path root, TaskConfig config, String taskPath) {
    Optional<Path> host = hostPath(root, config, taskPath);
    return host.isPresent() && Files.isExecutable(host.get()) && !Files.isDirectory(host.get());
  }

  /** Where a path of the task's filesystem lives on the host, following the binds and symlinks as the task would. */
  Optional<Path> hostPath(Path root, TaskConfig config, String taskPath) {
    List<String> pending = components(Path.of(taskPath).normalize());
    Path resolved = Path.of("/");
    for (int hops = 0; !pending.isEmpty(); ) {
      Path candidate = resolved.resolve(pending.remove(0));
      Optional<Path> host = mapOnce(root, config, candidate);
      if (host.isEmpty()) {
        return Optional.empty();
      }
      if (!Files.isSymbolicLink(host.get())) {
        resolved = candidate;
        continue;
      }
      if (++hops > 40) {
        return Optional.empty();
      }
      try {
        Path link = Files.readSymbolicLink(host.get());
        // A link is read in the task's view: absolute from its root, relative from its directory.
        Path next = (link.isAbsolute() ? link : resolved.resolve(link)).normalize();
        List<String> rest = components(next);
        rest.addAll(pending);
        pending = rest;
        resolved = Path.of("/");
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return mapOnce(root, config, resolved);
  }

  private static List<String> components(Path p) {
    List<String> out = new ArrayList<>();
    p.forEach(c -> out.add(c.toString()));
    return out;
  }

  private Optional<Path> mapOnce(Path root, TaskConfig config, Path taskPath) {
    Path best = null;
    Path bestHost = null;
    Map<String, String> binds = new LinkedHashMap<>();
    chrootEnv.forEach((host, task) -> binds.put(task, host));
    if (config.allocDir() != null) {
      binds.put("/alloc", config.allocDir().toString());
    }
    config.mounts().forEach(m -> binds.put(Path.of(m.taskPath()).normalize().toString(), m.hostPath()));
    for (Map.Entry<String, String> b : binds.entrySet()) {
      Path t = Path.of(b.getKey());
      if (taskPath.startsWith(t) && Files.exists(Path.of(b.getValue()))
          && (best == null || t.getNameCount() > best.getNameCount())) {
        best = t;
        bestHost = Path.of(b.getValue());
      }
    }
    if (best == null) {
      Path inRoot = root.resolve(taskPath.toString().substring(1)).normalize();
      return inRoot.startsWith(root.normalize()) ? Optional.of(inRoot) : Optional.empty();
    }
    return Optional.of(bestHost.resolve(best.relativize(taskPath).toString()));
  }

  /**
   * A numeric user and group.
   *
   * @param name the user name as configured
   * @param uid the user id
   * @param gid the primary group id
   */
  public record UserIds(String name, long uid, long gid) {}
}
