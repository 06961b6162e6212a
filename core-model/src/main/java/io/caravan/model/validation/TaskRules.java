package io.caravan.model.validation;

import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.LogConfig;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskArtifact;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.Template;
import io.caravan.model.job.Vault;
import io.caravan.model.job.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of one task, after Nomad's {@code structs.Task.Validate}. */
final class TaskRules {
  private TaskRules() {}

  static final int MIN_MEMORY_MB = 10;
  private static final Set<String> HOOKS = Set.of("prestart", "poststart", "poststop");
  private static final Set<String> ARTIFACT_MODES = Set.of("any", "file", "dir");
  private static final Set<String> TEMPLATE_CHANGE_MODES = Set.of("noop", "restart", "signal", "script");
  private static final Set<String> VAULT_CHANGE_MODES = Set.of("noop", "restart", "signal");

  /** Validates task {@code t} of group {@code g}; {@code groupPorts} are the group's port labels. */
  static void task(Task t, TaskGroup g, Job job, Set<String> groupPorts, Problems at) {
    if (t.name().isEmpty()) {
      at.add("", "task name must be set");
    } else if (t.name().contains("/")) {
      at.add("", "task name must not contain \"/\"");
    } else if (t.name().indexOf('\0') >= 0) {
      at.add("", "task name must not contain a NUL character");
    }
    if (t.driver().isEmpty()) {
      at.add("driver", "must be set");
    }
    if (t.killTimeout() != null && t.killTimeout().isNegative()) {
      at.add("kill_timeout", "must not be negative");
    }
    if (t.shutdownDelay().isNegative()) {
      at.add("shutdown_delay", "must not be negative");
    }
    if (t.lifecycle() != null && !HOOKS.contains(t.lifecycle().hook())) {
      at.add("lifecycle.hook", "must be one of prestart, poststart, poststop (got \"" + t.lifecycle().hook() + "\")");
    }

    Set<String> ports = new HashSet<>(groupPorts);
    if (t.resources() != null) {
      resources(t.resources(), ports, at);
    }
    logs(t.logConfig(), g.ephemeralDisk(), at);
    PlacementRules.constraints(t.constraintsOrEmpty(), at);
    PlacementRules.affinities(t.affinitiesOrEmpty(), at);
    ServiceRules.services(t.servicesOrEmpty(), ports, "group \"" + g.name() + "\" or task \"" + t.name() + "\"", at);

    List<TaskArtifact> artifacts = t.artifactsOrEmpty();
    for (int i = 0; i < artifacts.size(); i++) {
      artifact(artifacts.get(i), at.block("artifact[" + i + "]"));
    }
    List<Template> templates = t.templatesOrEmpty();
    for (int i = 0; i < templates.size(); i++) {
      template(templates.get(i), at.block("template[" + i + "]"));
    }
    if (t.vault() != null) {
      vault(t.vault(), at);
    }
    if (t.dispatchPayload() != null) {
      if (job.parameterizedJob() == null) {
        at.add("dispatch_payload", "only parameterized jobs may have a dispatch payload");
      }
      if (escapesAlloc(t.dispatchPayload().file())) {
        at.add("dispatch_payload.file", "must stay inside the allocation directory");
      }
    }
    List<VolumeMount> mounts = t.volumeMountsOrEmpty();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      Problems mat = at.block("volume_mount[" + i + "]");
      String volume = m.volume() == null ? "" : m.volume();
      if (volume.isEmpty()) {
        mat.add("volume", "must be set");
      } else if (!g.volumesOrEmpty().containsKey(volume)) {
        mat.add("volume", "volume \"" + volume + "\" is not defined in group \"" + g.name() + "\"");
      }
      if (m.destination() == null || m.destination().isEmpty()) {
        mat.add("destination", "must be set");
      }
    }
  }

  private static void resources(Resources r, Set<String> ports, Problems at) {
    int cores = r.cores() == null ? 0 : r.cores();
    int cpu = r.cpu() == null ? 0 : r.cpu();
    if (cores < 0) {
      at.add("resources.cores", "must not be negative (got " + cores + ")");
    }
    if (cores > 0 && cpu > 0) {
      at.add("resources", "ask for either cpu or cores, not both");
    } else if (cores == 0 && r.cpu() != null && cpu < 1) {
      at.add("resources.cpu", "must be at least 1 MHz (got " + cpu + ")");
    }
    if (r.memoryMB() != null && r.memoryMB() < MIN_MEMORY_MB) {
      at.add("resources.memory", "must be at least " + MIN_MEMORY_MB + " MB");
    }
    // memory_max = -1 means "no limit" on clients that allow it.
    if (r.memoryMaxMB() != null && r.memoryMaxMB() > 0 && r.memoryMB() != null && r.memoryMaxMB() < r.memoryMB()) {
      at.add("resources.memory_max", "must be at least resources.memory (" + r.memoryMB() + " MB), got " + r.memoryMaxMB());
    }
    if (r.diskMB() != null && r.diskMB() < 0) {
      at.add("resources.disk", "must not be negative");
    }
    List<RequestedDevice> devices = r.devicesOrEmpty();
    for (int i = 0; i < devices.size(); i++) {
      RequestedDevice d = devices.get(i);
      Problems dat = at.block("resources.device[" + i + "]");
      if (d.name().isEmpty()) {
        dat.add("name", "must be set");
      }
      if (d.count() != null && d.count() < 1) {
        dat.add("count", "must be at least 1 (got " + d.count() + ")");
      }
      PlacementRules.constraints(d.constraintsOrEmpty(), dat);
      PlacementRules.affinities(d.affinitiesOrEmpty(), dat);
    }
    NetworkRules.networks(r.networksOrEmpty(), ports, at.block("resources"));
  }

  private static void logs(LogConfig logs, EphemeralDisk disk, Problems at) {
    if (logs == null) {
      return;
    }
    int files = logs.maxFiles() == null ? 0 : logs.maxFiles();
    int size = logs.maxFileSizeMB() == null ? 0 : logs.maxFileSizeMB();
    if (files < 1) {
      at.add("logs.max_files", "must be at least 1 (got " + files + ")");
    }
    if (size < 1) {
      at.add("logs.max_file_size", "must be at least 1 MB (got " + size + ")");
    }
    if (disk != null && disk.sizeMB() != null && files > 0 && size > 0 && (long) files * size >= disk.sizeMB()) {
      at.add("logs", "log storage (" + (long) files * size + " MB) must be less than the group's ephemeral disk (" + disk.sizeMB() + " MB)");
    }
  }

  private static void artifact(TaskArtifact a, Problems at) {
    if (a.getterSource() == null || a.getterSource().isEmpty()) {
      at.add("source", "must be set");
    }
    if (a.getterMode() != null && !ARTIFACT_MODES.contains(a.getterMode())) {
      at.add("mode", "must be one of any, file, dir (got \"" + a.getterMode() + "\")");
    }
    if (a.relativeDest() != null && escapesAlloc(a.relativeDest())) {
      at.add("destination", "must stay inside the allocation directory");
    }
  }

  private static void template(Template t, Problems at) {
    boolean noSource = t.sourcePath() == null || t.sourcePath().isEmpty();
    boolean noData = t.embeddedTmpl() == null || t.embeddedTmpl().isEmpty();
    if (noSource && noData) {
      at.add("", "needs a source or data");
    }
    if (t.destPath() == null || t.destPath().isEmpty()) {
      at.add("destination", "must be set");
    }
    String mode = t.changeMode();
    if (mode != null && !TEMPLATE_CHANGE_MODES.contains(mode)) {
      at.add("change_mode", "must be one of noop, restart, signal, script (got \"" + mode + "\")");
    }
    if ("signal".equals(mode) && (t.changeSignal() == null || t.changeSignal().isEmpty())) {
      at.add("change_signal", "must be set when change_mode is signal");
    }
    if ("script".equals(mode) && t.changeScript() == null) {
      at.add("change_script", "must be set when change_mode is script");
    }
    if (t.splay() != null && t.splay().isNegative()) {
      at.add("splay", "must not be negative");
    }
    if (t.perms() != null && !t.perms().matches("[0-7]{1,4}")) {
      at.add("perms", "must be an octal file mode such as 0644 (got \"" + t.perms() + "\")");
    }
  }

  private static void vault(Vault v, Problems at) {
    String mode = v.changeMode();
    if (mode != null && !VAULT_CHANGE_MODES.contains(mode)) {
      at.add("vault.change_mode", "must be one of noop, restart, signal (got \"" + mode + "\")");
    }
    if ("signal".equals(mode) && (v.changeSignal() == null || v.changeSignal().isEmpty())) {
      at.add("vault.change_signal", "must be set when change_mode is signal");
    }
  }

  /**
   * Whether a path relative to the task directory leaves the allocation directory (the task
   * directory's parent), like Nomad's {@code PathEscapesAllocViaRelative("task", path)}.
   */
  static boolean escapesAlloc(String path) {
    if (PlacementRules.isInterpolated(path)) {
      return false;
    }
    int depth = 1;
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }
}
