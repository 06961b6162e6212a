package io.caravan.model.validation;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.job.Job;
import io.caravan.model.job.MigrateStrategy;
import io.caravan.model.job.ParameterizedJobConfig;
import io.caravan.model.job.PeriodicConfig;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.ScalingPolicy;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.model.job.VolumeRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job the way Nomad's server does before accepting it, and returns every problem at once,
 * each with its field path ({@code group "web" > task "app" > resources.memory: must be at least 10
 * MB}). The job is canonicalized first, so unset fields take Nomad's defaults. Never throws on bad
 * data.
 *
 * <p>Covers the cheap rules of Nomad's {@code structs} Validate methods: identity fields, job type
 * and priority, groups and tasks (names, counts, drivers, resources, logs, lifecycle, artifacts,
 * templates, Vault, volumes), networks and port labels, services and checks, constraints,
 * affinities and spreads, and the restart, reschedule, update, migrate, periodic, parameterized and
 * scaling blocks. Rules that need cluster state (node pools, namespaces, drivers present) are not
 * here.
 */
public final class JobValidator {
  /** Job types Nomad knows. */
  public static final Set<String> JOB_TYPES = Set.of("service", "batch", "system", "sysbatch");

  /** Lowest job priority. */
  public static final int MIN_PRIORITY = 1;

  /** Highest job priority (Nomad's default {@code job_max_priority}). */
  public static final int MAX_PRIORITY = 100;

  private static final Duration MIN_RESTART_INTERVAL = Duration.ofSeconds(5);
  private static final Duration MIN_RESCHEDULE_DELAY = Duration.ofSeconds(5);

  private JobValidator() {}

  /** Validates {@code job}, returning every problem found (empty report when valid). */
  public static ValidationReport validate(Job job) {
    Job c = Canonicalizer.canonicalize(job);
    Problems at = Problems.forJob();
    jobFields(c, at);
    List<TaskGroup> groups = c.taskGroupsOrEmpty();
    if (groups.isEmpty()) {
      at.add("", "job has no task groups");
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      TaskGroup g = groups.get(i);
      Problems gat = at.block("group", g.name().isEmpty() ? "#" + i : g.name());
      Integer previous = firstIndex.putIfAbsent(g.name(), i);
      if (previous != null) {
        gat.add("", "duplicate group name (groups " + previous + " and " + i + ")");
      }
      group(g, c, gat);
    }
    return new ValidationReport(at.all());
  }

  private static void jobFields(Job j, Problems at) {
    if (j.id().isEmpty()) {
      at.add("id", "must be set");
    } else if (j.id().contains(" ")) {
      at.add("id", "must not contain spaces");
    } else if (j.id().indexOf('\0') >= 0) {
      at.add("id", "must not contain a NUL character");
    }
    if (j.name().isEmpty()) {
      at.add("name", "must be set");
    } else if (j.name().indexOf('\0') >= 0) {
      at.add("name", "must not contain a NUL character");
    }
    if (j.region().isEmpty()) {
      at.add("region", "must be set");
    }
    if (j.namespace().isEmpty()) {
      at.add("namespace", "must be set");
    }
    String type = j.type();
    boolean knownType = JOB_TYPES.contains(type);
    if (!knownType) {
      at.add("type", "unknown job type \"" + type + "\", must be one of service, batch, system, sysbatch");
    }
    int priority = j.priority();
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      at.add("priority", "must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY + " (got " + priority + ")");
    }
    List<String> datacenters = j.datacentersOrEmpty();
    for (int i = 0; i < datacenters.size(); i++) {
      if (datacenters.get(i).isEmpty()) {
        at.add("datacenters[" + i + "]", "must not be empty");
      }
    }
    PlacementRules.constraints(j.constraintsOrEmpty(), at);
    PlacementRules.affinities(j.affinitiesOrEmpty(), at);
    PlacementRules.spreads(j.spreadsOrEmpty(), at);
    boolean systemLike = type.equals("system") || type.equals("sysbatch");
    if (systemLike && !j.affinitiesOrEmpty().isEmpty()) {
      at.add("affinity", type + " jobs may not have affinities");
    }
    if (systemLike && !j.spreadsOrEmpty().isEmpty()) {
      at.add("spread", type + " jobs may not have spreads");
    }
    if (j.update() != null) {
      update(j.update(), at.block("update"));
    }
    if (j.periodic() != null) {
      periodic(j.periodic(), type, knownType, at.block("periodic"));
    }
    if (j.parameterizedJob() != null) {
      parameterized(j.parameterizedJob(), type, knownType, at.block("parameterized"));
    }
  }

  private static void periodic(PeriodicConfig p, String type, boolean knownType, Problems at) {
    if (knownType && !type.equals("batch") && !type.equals("sysbatch")) {
      at.add("", "only batch and sysbatch jobs may be periodic (job type is " + type + ")");
    }
    boolean hasSpec = p.spec() != null && !p.spec().isEmpty();
    boolean hasSpecs = p.specs() != null && !p.specs().isEmpty();
    if (Boolean.TRUE.equals(p.enabled()) && !hasSpec && !hasSpecs) {
      at.add("cron", "must be set");
    }
    if (hasSpec && hasSpecs) {
      at.add("crons", "use either cron or crons, not both");
    }
    if (p.specType() != null && !p.specType().equals("cron")) {
      at.add("spec_type", "unknown spec type \"" + p.specType() + "\"");
    }
    if (hasSpec && !PlacementRules.isInterpolated(p.spec())) {
      cron(p.spec(), at, "cron");
    }
    for (int i = 0; hasSpecs && i < p.specs().size(); i++) {
      if (!PlacementRules.isInterpolated(p.specs().get(i))) {
        cron(p.specs().get(i), at, "crons[" + i + "]");
      }
    }
    String zone = p.timeZone();
    if (zone != null && !zone.isEmpty() && !PlacementRules.isInterpolated(zone)) {
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        at.add("time_zone", "unknown time zone \"" + zone + "\"");
      }
    }
  }

  private static void cron(String spec, Problems at, String field) {
    try {
      io.caravan.model.periodic.CronExpression.parse(spec);
    } catch (io.caravan.model.periodic.CronSyntaxException e) {
      at.add(field, e.getMessage());
    }
  }

  private static void parameterized(ParameterizedJobConfig p, String type, boolean knownType, Problems at) {
    if (knownType && !type.equals("batch") && !type.equals("sysbatch")) {
      at.add("", "only batch and sysbatch jobs may be parameterized (job type is " + type + ")");
    }
    String payload = p.payload();
    if (!payload.isEmpty() && !Set.of("optional", "required", "forbidden").contains(payload)) {
      at.add("payload", "must be optional, required or forbidden (got \"" + payload + "\")");
    }
    Set<String> required = new HashSet<>(p.metaRequiredOrEmpty());
    for (String key : p.metaOptionalOrEmpty()) {
      if (required.contains(key)) {
        at.add("meta_optional", "key \"" + key + "\" is also in meta_required");
      }
    }
  }

  private static void group(TaskGroup g, Job j, Problems at) {
    String type = j.type();
    if (g.name().isEmpty()) {
      at.add("", "group name must be set");
    }
    int count = g.count() == null ? 1 : g.count();
    if (count < 0) {
      at.add("count", "must not be negative (got " + count + ")");
    }
    if (type.equals("system") && count > 1) {
      at.add("count", "system jobs run one allocation per node, count must be 0 or 1 (got " + count + ")");
    }
    List<Task> tasks = g.tasksOrEmpty();
    boolean gatewayGroup =
        g.servicesOrEmpty().stream().anyMatch(s -> s.connect() != null && s.connect().gateway() != null);
    if (tasks.isEmpty() && !gatewayGroup) {
      // Nomad injects the Envoy task of Connect gateways itself, so such groups may list none.
      at.add("", "group has no tasks");
    }
    if (g.ephemeralDisk() != null && g.ephemeralDisk().sizeMB() != null && g.ephemeralDisk().sizeMB() < 10) {
      at.add("ephemeral_disk.size", "must be at least 10 MB (got " + g.ephemeralDisk().sizeMB() + ")");
    }
    if (g.restartPolicy() != null) {
      restart(g.restartPolicy(), at.block("restart"));
    }
    if (g.reschedulePolicy() != null) {
      reschedule(g.reschedulePolicy(), at.block("reschedule"));
    }
    if (g.update() != null) {
      update(g.update(), at.block("update"));
    }
    if (g.migrate() != null) {
      migrate(g.migrate(), at.block("migrate"));
    }
    if (g.scaling() != null) {
      scaling(g.scaling(), count, at.block("scaling"));
    }
    PlacementRules.constraints(g.constraintsOrEmpty(), at);
    PlacementRules.affinities(g.affinitiesOrEmpty(), at);
    PlacementRules.spreads(g.spreadsOrEmpty(), at);
    boolean systemLike = type.equals("system") || type.equals("sysbatch");
    if (systemLike && !g.affinitiesOrEmpty().isEmpty()) {
      at.add("affinity", type + " jobs may not have affinities");
    }
    if (systemLike && !g.spreadsOrEmpty().isEmpty()) {
      at.add("spread", type + " jobs may not have spreads");
    }
    if (g.networksOrEmpty().size() > 1) {
      at.add("network", "a group may have only one network block (got " + g.networksOrEmpty().size() + ")");
    }
    for (Map.Entry<String, VolumeRequest> e : g.volumesOrEmpty().entrySet()) {
      VolumeRequest v = e.getValue();
      Problems vat = at.block("volume", e.getKey());
      if (!v.type().equals("host") && !v.type().equals("csi")) {
        vat.add("type", "must be host or csi (got \"" + v.type() + "\")");
      }
      if (v.source().isEmpty()) {
        vat.add("source", "must be set");
      }
    }

    Set<String> ports = new HashSet<>();
    NetworkRules.networks(g.networksOrEmpty(), ports, at);
    ServiceRules.services(g.servicesOrEmpty(), ports, "group \"" + g.name() + "\"", at);

    Map<String, Integer> firstIndex = new HashMap<>();
    int leaders = 0;
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      Problems tat = at.block("task", t.name().isEmpty() ? "#" + i : t.name());
      Integer previous = firstIndex.putIfAbsent(t.name(), i);
      if (previous != null) {
        tat.add("", "duplicate task name (tasks " + previous + " and " + i + ")");
      }
      if (t.leader()) {
        leaders++;
      }
      TaskRules.task(t, g, j, ports, tat);
    }
    if (leaders > 1) {
      at.add("", "only one task may be the leader (" + leaders + " are)");
    }
  }

  private static void restart(RestartPolicy r, Problems at) {
    if (r.mode() != null && !r.mode().equals("delay") && !r.mode().equals("fail")) {
      at.add("mode", "must be delay or fail (got \"" + r.mode() + "\")");
    }
    int attempts = r.attempts() == null ? 0 : r.attempts();
    if (attempts < 0) {
      at.add("attempts", "must not be negative (got " + attempts + ")");
    }
    Duration interval = r.interval() == null ? Duration.ZERO : r.interval();
    Duration delay = r.delay() == null ? Duration.ZERO : r.delay();
    if (delay.isNegative()) {
      at.add("delay", "must not be negative");
    }
    if (attempts == 0 && "delay".equals(r.mode())) {
      at.add("attempts", "0 attempts with mode \"delay\" is ambiguous; use mode \"fail\" or allow attempts");
    }
    if (interval.compareTo(MIN_RESTART_INTERVAL) < 0) {
      at.add("interval", "must be at least 5s (got " + GoDuration.format(interval) + ")");
    } else if (delay.multipliedBy(attempts).compareTo(interval) > 0) {
      at.add("", attempts + " restarts with a delay of " + GoDuration.format(delay) + " do not fit in an interval of " + GoDuration.format(interval));
    }
  }

  private static void reschedule(ReschedulePolicy r, Problems at) {
    int attempts = r.attempts() == null ? 0 : r.attempts();
    if (attempts < 0) {
      at.add("attempts", "must not be negative (got " + attempts + ")");
    }
    String function = r.delayFunction() == null ? "" : r.delayFunction();
    if (!function.isEmpty() && !Set.of("constant", "exponential", "fibonacci").contains(function)) {
      at.add("delay_function", "must be constant, exponential or fibonacci (got \"" + function + "\")");
    }
    boolean enabled = attempts > 0 || Boolean.TRUE.equals(r.unlimited());
    Duration delay = r.delay() == null ? Duration.ZERO : r.delay();
    if (enabled && delay.compareTo(MIN_RESCHEDULE_DELAY) < 0) {
      at.add("delay", "must be at least 5s (got " + GoDuration.format(delay) + ")");
    }
    Duration maxDelay = r.maxDelay() == null ? Duration.ZERO : r.maxDelay();
    if (enabled && !function.equals("constant") && !function.isEmpty() && maxDelay.compareTo(delay) < 0) {
      at.add("max_delay", "must be at least delay (" + GoDuration.format(delay) + "), got " + GoDuration.format(maxDelay));
    }
  }

  private static void update(UpdateStrategy u, Problems at) {
    String check = u.healthCheck();
    if (check != null && !Set.of("checks", "task_states", "manual").contains(check)) {
      at.add("health_check", "must be checks, task_states or manual (got \"" + check + "\")");
    }
    if (u.maxParallel() != null && u.maxParallel() < 0) {
      at.add("max_parallel", "must not be negative (got " + u.maxParallel() + ")");
    }
    if (u.canary() != null && u.canary() < 0) {
      at.add("canary", "must not be negative (got " + u.canary() + ")");
    }
    if ((u.canary() == null || u.canary() == 0) && Boolean.TRUE.equals(u.autoPromote())) {
      at.add("auto_promote", "needs canary to be greater than 0");
    }
    Duration minHealthy = u.minHealthyTime();
    Duration deadline = u.healthyDeadline();
    Duration progress = u.progressDeadline();
    if (minHealthy != null && minHealthy.isNegative()) {
      at.add("min_healthy_time", "must not be negative");
    }
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      at.add("healthy_deadline", "must be greater than 0");
    }
    if (progress != null && progress.isNegative()) {
      at.add("progress_deadline", "must not be negative");
    }
    if (minHealthy != null && deadline != null && minHealthy.compareTo(deadline) >= 0) {
      at.add("min_healthy_time", "must be less than healthy_deadline (" + GoDuration.format(deadline) + "), got " + GoDuration.format(minHealthy));
    }
    if (progress != null && deadline != null && !progress.isZero() && progress.compareTo(deadline) <= 0) {
      at.add("progress_deadline", "must be greater than healthy_deadline (" + GoDuration.format(deadline) + "), got " + GoDuration.format(progress));
    }
    if (u.stagger() != null && (u.stagger().isNegative() || u.stagger().isZero())) {
      at.add("stagger", "must be greater than 0");
    }
  }

  private static void migrate(MigrateStrategy m, Problems at) {
    if (m.maxParallel() != null && m.maxParallel() < 0) {
      at.add("max_parallel", "must not be negative (got " + m.maxParallel() + ")");
    }
    if (m.healthCheck() != null && !m.healthCheck().equals("checks") && !m.healthCheck().equals("task_states")) {
      at.add("health_check", "must be checks or task_states (got \"" + m.healthCheck() + "\")");
    }
    if (m.minHealthyTime() != null && m.healthyDeadline() != null
        && m.minHealthyTime().compareTo(m.healthyDeadline()) >= 0) {
      at.add("min_healthy_time", "must be less than healthy_deadline (" + GoDuration.format(m.healthyDeadline()) + "), got " + GoDuration.format(m.minHealthyTime()));
    }
  }

  private static void scaling(ScalingPolicy s, int count, Problems at) {
    Long min = s.min();
    Long max = s.max();
    if (max == null) {
      at.add("max", "must be set");
    } else if (max < 0) {
      at.add("max", "must not be negative (got " + max + ")");
    }
    if (min != null && min < 0) {
      at.add("min", "must not be negative (got " + min + ")");
    }
    if (min != null && max != null && min > max) {
      at.add("min", "must not be greater than max (" + max + "), got " + min);
    }
    if (Boolean.TRUE.equals(s.enabled()) && min != null && max != null && (count < min || count > max)) {
      at.add("", "group count " + count + " is outside the scaling bounds [" + min + ", " + max + "]");
    }
  }
}
