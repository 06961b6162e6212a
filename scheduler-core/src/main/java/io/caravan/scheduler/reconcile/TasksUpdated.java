package io.caravan.scheduler.reconcile;

import io.caravan.model.job.ConsulConnect;
import io.caravan.model.job.Job;
import io.caravan.model.job.LogConfig;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.Service;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a task group changed in a way that cannot be applied in place (Nomad's
 * {@code tasksUpdated}): a changed task count, ephemeral disk, group network (mode, mbits,
 * hostname, DNS, CNI, port map with dynamic values ignored), Consul block, Connect services,
 * volumes or {@code restart.render_templates}; or per task a changed driver, user, config, env,
 * artifacts, Vault, Consul, templates, CSI plugin, volume mounts, combined meta (job + group +
 * task), task networks, cpu, cores, memory, memory_max, devices, NUMA, secrets, secrets memory,
 * identities, {@code logs.disabled} or {@code restart.render_templates}. Everything else (count,
 * services without Connect, update/reschedule policies, constraints, kill timeout, …) is
 * in-place.
 */
public final class TasksUpdated {
  private TasksUpdated() {}

  /** True when allocations of {@code group} running {@code a} must be replaced to run {@code b}. */
  public static boolean destructive(Job a, Job b, String group) {
    return difference(a, b, group).isPresent();
  }

  /**
   * The first destructive difference between the group in {@code a} and in {@code b}, described
   * as "what: old -> new"; empty when the group can be updated in place. A group missing from
   * either job is a difference.
   */
  public static Optional<String> difference(Job a, Job b, String group) {
    TaskGroup ga = find(a, group);
    TaskGroup gb = find(b, group);
    if (ga == null || gb == null) {
      return diff("task group", ga == null ? "(none)" : group, gb == null ? "(none)" : group);
    }
    if (ga.tasksOrEmpty().size() != gb.tasksOrEmpty().size()) {
      return diff("number of tasks", ga.tasksOrEmpty().size(), gb.tasksOrEmpty().size());
    }
    if (!Objects.equals(ga.ephemeralDisk(), gb.ephemeralDisk())) {
      return diff("ephemeral disk", ga.ephemeralDisk(), gb.ephemeralDisk());
    }
    Optional<String> d = networks("group network", ga.networksOrEmpty(), gb.networksOrEmpty());
    if (d.isPresent()) {
      return d;
    }
    if (!Objects.equals(ga.consul(), gb.consul())) {
      return diff("group consul", ga.consul(), gb.consul());
    }
    d = connectServices(ga.servicesOrEmpty(), gb.servicesOrEmpty());
    if (d.isPresent()) {
      return d;
    }
    if (!ga.volumesOrEmpty().equals(gb.volumesOrEmpty())) {
      return diff("volume requests", ga.volumesOrEmpty(), gb.volumesOrEmpty());
    }
    if (renderTemplates(ga.restartPolicy()) != renderTemplates(gb.restartPolicy())) {
      return diff("group restart render_templates", renderTemplates(ga.restartPolicy()), renderTemplates(gb.restartPolicy()));
    }
    for (Task ta : ga.tasksOrEmpty()) {
      Task tb = null;
      for (Task t : gb.tasksOrEmpty()) {
        if (t.name().equals(ta.name())) {
          tb = t;
        }
      }
      if (tb == null) {
        return diff("task deleted", ta.name(), "(none)");
      }
      d = task(a, b, group, ta, tb);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /**
   * The first destructive difference of one task between the group in {@code a} and in {@code b}
   * (the per-task half of {@link #difference}); empty when the task can be updated in place. A task
   * or group missing from either job is a difference.
   */
  public static Optional<String> taskDifference(Job a, Job b, String group, String task) {
    Task ta = findTask(find(a, group), task);
    Task tb = findTask(find(b, group), task);
    if (ta == null || tb == null) {
      return diff("task \"" + task + "\"", ta == null ? "(none)" : task, tb == null ? "(none)" : task);
    }
    return task(a, b, group, ta, tb);
  }

  private static @Nullable Task findTask(@Nullable TaskGroup g, String name) {
    if (g != null) {
      for (Task t : g.tasksOrEmpty()) {
        if (name.equals(t.name())) {
          return t;
        }
      }
    }
    return null;
  }

  private static Optional<String> task(Job ja, Job jb, String group, Task a, Task b) {
    String t = "task \"" + a.name() + "\" ";
    if (!a.driver().equals(b.driver())) {
      return diff(t + "driver", a.driver(), b.driver());
    }
    if (!a.user().equals(b.user())) {
      return diff(t + "user", a.user(), b.user());
    }
    if (!orEmpty(a.config()).equals(orEmpty(b.config()))) {
      return diff(t + "config", a.config(), b.config());
    }
    if (!orEmpty(a.env()).equals(orEmpty(b.env()))) {
      return diff(t + "env", a.env(), b.env());
    }
    if (!orEmpty(a.artifacts()).equals(orEmpty(b.artifacts()))) {
      return diff(t + "artifacts", a.artifacts(), b.artifacts());
    }
    if (!Objects.equals(a.vault(), b.vault())) {
      return diff(t + "vault", a.vault(), b.vault());
    }
    if (!Objects.equals(a.consul(), b.consul())) {
      return diff(t + "consul", a.consul(), b.consul());
    }
    if (!orEmpty(a.templates()).equals(orEmpty(b.templates()))) {
      return diff(t + "templates", a.templates(), b.templates());
    }
    if (!Objects.equals(a.csiPluginConfig(), b.csiPluginConfig())) {
      return diff(t + "csi plugin", a.csiPluginConfig(), b.csiPluginConfig());
    }
    if (!orEmpty(a.volumeMounts()).equals(orEmpty(b.volumeMounts()))) {
      return diff(t + "volume mounts", a.volumeMounts(), b.volumeMounts());
    }
    Map<String, String> ma = combinedMeta(ja, group, a);
    Map<String, String> mb = combinedMeta(jb, group, b);
    if (!ma.equals(mb)) {
      return diff(t + "meta", ma, mb);
    }
    Resources ra = a.resources();
    Resources rb = b.resources();
    Optional<String> d = networks(t + "network", ra == null ? List.of() : orEmpty(ra.networks()),
        rb == null ? List.of() : orEmpty(rb.networks()));
    if (d.isPresent()) {
      return d;
    }
    d = resources(t, ra, rb);
    if (d.isPresent()) {
      return d;
    }
    if (!orEmpty(a.secrets()).equals(orEmpty(b.secrets()))) {
      return diff(t + "secrets", a.secrets(), b.secrets());
    }
    if (!Objects.equals(a.identity(), b.identity())) {
      return diff(t + "identity", a.identity(), b.identity());
    }
    if (!orEmpty(a.identities()).equals(orEmpty(b.identities()))) {
      return diff(t + "identities", a.identities(), b.identities());
    }
    if (logsDisabled(a.logConfig()) != logsDisabled(b.logConfig())) {
      return diff(t + "logs disabled", logsDisabled(a.logConfig()), logsDisabled(b.logConfig()));
    }
    if (renderTemplates(a.restartPolicy()) != renderTemplates(b.restartPolicy())) {
      return diff(t + "restart render_templates", renderTemplates(a.restartPolicy()), renderTemplates(b.restartPolicy()));
    }
    return Optional.empty();
  }

  private static Optional<String> resources(String t, @Nullable Resources a, @Nullable Resources b) {
    if (a == null || b == null) {
      return a == b ? Optional.empty() : diff(t + "resources", a, b);
    }
    if (!Objects.equals(a.cpu(), b.cpu())) {
      return diff(t + "cpu", a.cpu(), b.cpu());
    }
    if (!Objects.equals(a.cores(), b.cores())) {
      return diff(t + "cores", a.cores(), b.cores());
    }
    if (!Objects.equals(a.memoryMB(), b.memoryMB())) {
      return diff(t + "memory", a.memoryMB(), b.memoryMB());
    }
    if (!Objects.equals(a.memoryMaxMB(), b.memoryMaxMB())) {
      return diff(t + "memory_max", a.memoryMaxMB(), b.memoryMaxMB());
    }
    if (!orEmpty(a.devices()).equals(orEmpty(b.devices()))) {
      return diff(t + "devices", a.devices(), b.devices());
    }
    if (!Objects.equals(a.numa(), b.numa())) {
      return diff(t + "numa", a.numa(), b.numa());
    }
    if (!Objects.equals(a.secretsMB(), b.secretsMB())) {
      return diff(t + "secrets memory", a.secretsMB(), b.secretsMB());
    }
    return Optional.empty();
  }

  private static Optional<String> networks(String what, List<NetworkResource> a, List<NetworkResource> b) {
    if (a.size() != b.size()) {
      return diff(what + " count", a.size(), b.size());
    }
    for (int i = 0; i < a.size(); i++) {
      NetworkResource na = a.get(i);
      NetworkResource nb = b.get(i);
      if (!na.mode().equals(nb.mode())) {
        return diff(what + " mode", na.mode(), nb.mode());
      }
      if (!Objects.equals(orZero(na.mBits()), orZero(nb.mBits()))) {
        return diff(what + " mbits", na.mBits(), nb.mBits());
      }
      if (!na.hostname().equals(nb.hostname())) {
        return diff(what + " hostname", na.hostname(), nb.hostname());
      }
      if (!Objects.equals(na.dns(), nb.dns())) {
        return diff(what + " dns", na.dns(), nb.dns());
      }
      if (!Objects.equals(na.cni(), nb.cni())) {
        return diff(what + " cni", na.cni(), nb.cni());
      }
      Set<List<Object>> pa = portMap(na);
      Set<List<Object>> pb = portMap(nb);
      if (!pa.equals(pb)) {
        return diff(what + " port map", pa, pb);
      }
    }
    return Optional.empty();
  }

  /** Label, value (-1 for dynamic ports, whose values are assigned at placement), to, host network. */
  private static Set<List<Object>> portMap(NetworkResource n) {
    Set<List<Object>> out = new HashSet<>();
    for (Port p : orEmpty(n.reservedPorts())) {
      out.add(List.of(p.label(), p.value(), p.to(), p.hostNetwork()));
    }
    for (Port p : orEmpty(n.dynamicPorts())) {
      out.add(List.of(p.label(), -1, p.to(), p.hostNetwork()));
    }
    return out;
  }

  private static Optional<String> connectServices(List<Service> a, List<Service> b) {
    for (Service sa : a) {
      if (sa.connect() == null) {
        continue;
      }
      for (Service sb : b) {
        if (sa.name().equals(sb.name())) {
          ConsulConnect cb = sb.connect();
          if (!Objects.equals(sa.connect(), cb)) {
            return diff("connect service \"" + sa.name() + "\"", sa.connect(), cb);
          }
          if (!sa.portLabel().equals(sb.portLabel())) {
            return diff("connect service \"" + sa.name() + "\" port label", sa.portLabel(), sb.portLabel());
          }
          break;
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> combinedMeta(Job job, String group, Task task) {
    Map<String, String> out = new HashMap<>(job.metaOrEmpty());
    TaskGroup g = find(job, group);
    if (g != null) {
      out.putAll(g.metaOrEmpty());
    }
    out.putAll(orEmpty(task.meta()));
    return out;
  }

  private static boolean logsDisabled(@Nullable LogConfig c) {
    return c != null && Boolean.TRUE.equals(c.disabled());
  }

  private static boolean renderTemplates(@Nullable RestartPolicy p) {
    return p != null && Boolean.TRUE.equals(p.renderTemplates());
  }

  static @Nullable TaskGroup find(Job job, String group) {
    for (TaskGroup g : job.taskGroupsOrEmpty()) {
      if (group.equals(g.name())) {
        return g;
      }
    }
    return null;
  }

  private static int orZero(@Nullable Integer i) {
    return i == null ? 0 : i;
  }

  private static <T> List<T> orEmpty(@Nullable List<T> l) {
    return l == null ? List.of() : l;
  }

  private static <K, V> Map<K, V> orEmpty(@Nullable Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private static Optional<String> diff(String what, @Nullable Object a, @Nullable Object b) {
    return Optional.of(what + ": " + a + " -> " + b);
  }
}
