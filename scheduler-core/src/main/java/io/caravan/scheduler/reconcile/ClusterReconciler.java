package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Nomad's cluster reconciler for service and batch jobs, as a pure function of a
 * {@link ReconcileInput}: per task group it classifies the existing allocations (untainted,
 * migrating, lost, disconnecting, reconnecting, expiring), splits failed ones into reschedule now
 * and later (batching follow-up evaluations in 5 s windows), stops what is not needed (highest
 * name indexes first), decides in-place versus destructive updates, places canaries, bounds
 * destructive updates by {@code max_parallel}, replaces lost allocations, migrates drained ones
 * and creates or completes the deployment. Deterministic: identifiers derive from the
 * evaluation ID, iteration follows allocation IDs and name indexes.
 */
public final class ClusterReconciler {
  /** Stop reason: the job no longer needs the allocation (scale down, stopped job, old canary). */
  public static final String ALLOC_NOT_NEEDED = "alloc not needed due to job update";
  /** Stop reason: a reconnected original is kept and its replacement stops. */
  public static final String ALLOC_RECONNECTED = "alloc not needed due to disconnected client reconnect";
  /** Stop reason: the allocation moves off a draining node. */
  public static final String ALLOC_MIGRATING = "alloc is being migrated";
  /** Stop reason: a destructive update replaces the allocation. */
  public static final String ALLOC_UPDATING = "alloc is being updated due to job update";
  /** Stop reason: the allocation's node is down or gone. */
  public static final String ALLOC_LOST = "alloc is lost since its node is down";
  /** Client description of an allocation marked unknown. */
  public static final String ALLOC_UNKNOWN = "alloc is unknown since its node is disconnected";
  /** Stop reason: the failed allocation was rescheduled. */
  public static final String ALLOC_RESCHEDULED = "alloc was rescheduled because it failed";
  /** Description of follow-up evaluations for delayed reschedules. */
  public static final String RESCHEDULE_FOLLOWUP_DESC = "created for delayed rescheduling";
  /** Description of follow-up evaluations for disconnect timeouts. */
  public static final String DISCONNECT_FOLLOWUP_DESC = "created for delayed disconnect timeout";
  /** Trigger of follow-up evaluations for failed allocations. */
  public static final String TRIGGER_RETRY_FAILED_ALLOC = "alloc-failure";
  /** Trigger of follow-up evaluations for disconnect timeouts. */
  public static final String TRIGGER_MAX_DISCONNECT_TIMEOUT = "max-disconnect-timeout";
  /** Deployment description: running. */
  public static final String DEPLOYMENT_RUNNING = "Deployment is running";
  /** Deployment description: canaries wait for a manual promotion. */
  public static final String DEPLOYMENT_NEEDS_PROMOTION = "Deployment is running but requires manual promotion";
  /** Deployment description: canaries wait for the automatic promotion. */
  public static final String DEPLOYMENT_AUTO_PROMOTION = "Deployment is running pending automatic promotion";
  /** Deployment description: cancelled because the job stopped. */
  public static final String DEPLOYMENT_STOPPED_JOB = "Cancelled because job is stopped";
  /** Deployment description: cancelled by a newer job version. */
  public static final String DEPLOYMENT_NEWER_JOB = "Cancelled due to newer version of job";
  /** Deployment description: complete. */
  public static final String DEPLOYMENT_SUCCESSFUL = "Deployment completed successfully";

  /** Allocations due within this window of now are rescheduled now. */
  static final Duration RESCHEDULE_WINDOW = Duration.ofSeconds(1);
  /** Follow-up evaluations batch reschedules falling within this window of the batch's first. */
  static final Duration BATCH_WINDOW = Duration.ofSeconds(5);

  private final ReconcileInput in;
  private final @Nullable Job job;
  private final Instant now;

  private @Nullable Deployment deployment;
  private @Nullable Deployment oldDeployment;
  private boolean deploymentPaused;
  private boolean deploymentFailed;
  /** Group states of the current deployment (copied from it, or new for a deployment created here). */
  private final Map<String, DState> dstates = new LinkedHashMap<>();
  private @Nullable Deployment created;

  private final List<AllocPlacement> place = new ArrayList<>();
  private final List<DestructiveUpdate> destructive = new ArrayList<>();
  private final List<AllocStop> stop = new ArrayList<>();
  private final List<Allocation> inplace = new ArrayList<>();
  private final Map<String, Allocation> attributeUpdates = new LinkedHashMap<>();
  private final Map<String, AllocStateUpdate> disconnectUpdates = new LinkedHashMap<>();
  private final Map<String, AllocStateUpdate> reconnectUpdates = new LinkedHashMap<>();
  private final Map<String, Counts> desired = new LinkedHashMap<>();
  private final Map<String, List<Evaluation>> followups = new LinkedHashMap<>();
  private final List<DeploymentStatusUpdate> deploymentUpdates = new ArrayList<>();
  private int idCounter;

  private ClusterReconciler(ReconcileInput in) {
    this.in = in;
    this.job = in.job();
    this.now = in.now();
    this.deployment = in.deployment();
  }

  /** Reconciles one job. */
  public static ReconcileResult reconcile(ReconcileInput input) {
    return new ClusterReconciler(input).compute();
  }

  private ReconcileResult compute() {
    Map<String, AllocSet> matrix = matrix();
    cancelUnneededDeployments();
    if (job == null || Boolean.TRUE.equals(job.stop())) {
      for (Map.Entry<String, AllocSet> e : matrix.entrySet()) {
        Counts c = counts(e.getKey());
        c.stop += stopAll(e.getValue().filter(a -> !a.serverTerminal()));
      }
      return result();
    }
    if (deployment != null) {
      deploymentPaused = DeploymentStatuses.PAUSED.equals(deployment.status()) || DeploymentStatuses.PENDING.equals(deployment.status());
      deploymentFailed = DeploymentStatuses.FAILED.equals(deployment.status());
      if (deployment.taskGroups() != null) {
        deployment.taskGroups().forEach((g, s) -> dstates.put(g, DState.of(s)));
      }
    }
    boolean complete = true;
    for (Map.Entry<String, AllocSet> e : matrix.entrySet()) {
      complete &= computeGroup(e.getKey(), e.getValue());
    }
    if (created != null) {
      Map<String, DeploymentState> groups = new LinkedHashMap<>();
      boolean needsPromotion = false;
      boolean autoPromote = true;
      for (Map.Entry<String, DState> e : dstates.entrySet()) {
        groups.put(e.getKey(), e.getValue().toRecord());
        if (e.getValue().desiredCanaries > 0 && !e.getValue().promoted) {
          needsPromotion = true;
          autoPromote &= e.getValue().autoPromote;
        }
      }
      String desc = needsPromotion ? (autoPromote ? DEPLOYMENT_AUTO_PROMOTION : DEPLOYMENT_NEEDS_PROMOTION) : DEPLOYMENT_RUNNING;
      created = created.toBuilder().taskGroups(groups).statusDescription(desc).build();
      deployment = created;
    }
    if (deployment != null && created == null && complete) {
      deploymentUpdates.add(new DeploymentStatusUpdate(deployment.id(), DeploymentStatuses.SUCCESSFUL, DEPLOYMENT_SUCCESSFUL));
    }
    return result();
  }

  private ReconcileResult result() {
    Map<String, DesiredUpdates> tg = new LinkedHashMap<>();
    desired.forEach((k, v) -> tg.put(k, v.toRecord()));
    return new ReconcileResult(place, destructive, stop, inplace, List.copyOf(attributeUpdates.values()),
        List.copyOf(disconnectUpdates.values()), List.copyOf(reconnectUpdates.values()), tg, followups, created,
        deploymentUpdates);
  }

  /** Allocations by group: the job's groups in order (even without allocations), then removed groups by name. */
  private Map<String, AllocSet> matrix() {
    Map<String, AllocSet> m = new LinkedHashMap<>();
    if (job != null) {
      for (TaskGroup g : job.taskGroupsOrEmpty()) {
        m.put(g.name(), new AllocSet());
      }
    }
    List<Allocation> sorted = new ArrayList<>(in.allocations());
    sorted.sort(Comparator.comparing(Allocation::taskGroup).thenComparing(Allocation::id));
    for (Allocation a : sorted) {
      m.computeIfAbsent(a.taskGroup(), k -> new AllocSet()).add(a);
    }
    return m;
  }

  private void cancelUnneededDeployments() {
    Deployment d = deployment;
    if (job == null || Boolean.TRUE.equals(job.stop())) {
      if (d != null && active(d)) {
        deploymentUpdates.add(new DeploymentStatusUpdate(d.id(), DeploymentStatuses.CANCELLED, DEPLOYMENT_STOPPED_JOB));
      }
      oldDeployment = d;
      deployment = null;
      return;
    }
    if (d == null) {
      return;
    }
    if (d.jobCreateIndex() != orZero(job.createIndex()) || d.jobVersion() != orZero(job.version())) {
      if (active(d)) {
        deploymentUpdates.add(new DeploymentStatusUpdate(d.id(), DeploymentStatuses.CANCELLED, DEPLOYMENT_NEWER_JOB));
      }
      oldDeployment = d;
      deployment = null;
    }
    if (DeploymentStatuses.SUCCESSFUL.equals(d.status())) {
      oldDeployment = d;
      deployment = null;
    }
  }

  private boolean computeGroup(String groupName, AllocSet original) {
    Counts changes = counts(groupName);
    int placedBefore = place.size();
    TaskGroup tg = TasksUpdated.find(job, groupName);
    AllocSet all = original.filter(a -> !a.serverTerminal() || (in.batch() && !shouldReschedule(a)));
    if (tg == null || orZero(tg.count()) == 0) {
      changes.stop += stopAll(all);
      return true;
    }
    int count = tg.count();
    DState dstate = dstates.get(groupName);
    boolean existingDeployment = dstate != null && deployment != null;
    if (!existingDeployment) {
      dstate = new DState();
      if (!updateEmpty(tg.update())) {
        dstate.autoRevert = Boolean.TRUE.equals(tg.update().autoRevert());
        dstate.autoPromote = Boolean.TRUE.equals(tg.update().autoPromote());
        dstate.progressDeadline = tg.update().progressDeadline() == null ? Duration.ZERO : tg.update().progressDeadline();
      }
    }

    if (in.batch()) {
      AllocSet old = all.filter(a -> a.terminal() && olderVersion(a));
      changes.ignore += old.size();
      all = all.difference(old);
    }

    // Canaries of an old or failed deployment stop; current canaries on draining or lost nodes stop too.
    List<String> stopCanaries = new ArrayList<>();
    if (oldDeployment != null && oldDeployment.taskGroups() != null) {
      oldDeployment.taskGroups().values().stream().filter(s -> !s.promoted()).forEach(s -> stopCanaries.addAll(canaryIds(s)));
    }
    if (deployment != null && deploymentFailed && deployment.taskGroups() != null) {
      deployment.taskGroups().values().stream().filter(s -> !s.promoted()).forEach(s -> stopCanaries.addAll(canaryIds(s)));
    }
    AllocSet stopSet = all.fromKeys(stopCanaries);
    markStop(stopSet, "", ALLOC_NOT_NEEDED, Map.of());
    changes.stop += stopSet.size();
    all = all.difference(stopSet);
    AllocSet canaries = new AllocSet();
    if (deployment != null && deployment.taskGroups() != null) {
      List<String> ids = new ArrayList<>();
      deployment.taskGroups().values().forEach(s -> ids.addAll(canaryIds(s)));
      Classified c = classify(all.fromKeys(ids));
      markStop(c.migrate, "", ALLOC_MIGRATING, Map.of());
      markStop(c.lost, AllocStatus.CLIENT_LOST, ALLOC_LOST, Map.of());
      canaries = c.untainted;
      all = all.difference(c.migrate, c.lost);
    }

    Classified c = classify(all);
    AllocSet untainted = c.untainted;
    AllocSet migrate = c.migrate;
    AllocSet lost = c.lost;
    AllocSet disconnecting = c.disconnecting;
    AllocSet reconnecting = c.reconnecting;
    changes.ignore += c.ignore.size();

    Rescheduleable r = filterByRescheduleable(untainted, false);
    untainted = r.untainted;
    AllocSet rescheduleNow = r.now;
    List<Later> rescheduleLater = new ArrayList<>(r.later);

    if (!reconnecting.isEmpty()) {
      AllocSet stopped = reconcileReconnecting(reconnecting, all, tg);
      changes.stop += stopped.size();
      untainted = untainted.difference(stopped);
      migrate = migrate.difference(stopped);
      lost = lost.difference(stopped);
      disconnecting = disconnecting.difference(stopped);
      reconnecting = reconnecting.difference(stopped);
      for (Allocation a : reconnecting.values()) {
        if (!shouldMigrate(a) && !shouldReschedule(a) && !forceReschedule(a) && !olderVersion(a)
            && AllocStatus.DESIRED_RUN.equals(a.desiredStatus()) && AllocStatus.CLIENT_RUNNING.equals(a.clientStatus())) {
          reconnectUpdates.put(a.id(), new AllocStateUpdate(a, AllocState.clientStatus(a.clientStatus(), now)));
        }
      }
      untainted = untainted.union(reconnecting);
    }

    Map<String, String> timeoutLaterEvals = Map.of();
    if (!disconnecting.isEmpty()) {
      if (!lostAfter(tg).isZero()) {
        Rescheduleable d = filterByRescheduleable(disconnecting, true);
        rescheduleNow = rescheduleNow.union(d.now);
        untainted = untainted.union(d.untainted);
        rescheduleLater.addAll(d.later);
        List<Later> timeouts = new ArrayList<>();
        for (Allocation a : disconnecting.values()) {
          timeouts.add(new Later(a, now.plus(lostAfter(tg))));
        }
        timeoutLaterEvals = batchFollowups(groupName, timeouts, TRIGGER_MAX_DISCONNECT_TIMEOUT, DISCONNECT_FOLLOWUP_DESC);
      }
      for (Allocation a : disconnecting.values()) {
        Allocation updated = a.toBuilder().clientStatus(AllocStatus.CLIENT_UNKNOWN).clientDescription(ALLOC_UNKNOWN)
            .followupEvalID(timeoutLaterEvals.getOrDefault(a.id(), "")).build();
        disconnectUpdates.put(a.id(), new AllocStateUpdate(updated, AllocState.clientStatus(AllocStatus.CLIENT_UNKNOWN, now)));
        if (rescheduleNow.contains(a.id())) {
          rescheduleNow.add(updated);
        }
      }
    }

    Map<String, String> lostLaterEvals = new HashMap<>();
    List<Later> lostLater = new ArrayList<>();
    if (!lost.isEmpty()) {
      Duration stopAfter = stopAfter(tg);
      if (stopAfter != null) {
        for (Allocation a : lost.values()) {
          Instant t = lastState(a, AllocStatus.CLIENT_LOST).orElse(Reschedule.fromNanos(a.modifyTime())).plus(stopAfter).plus(maxKillTimeout(tg));
          if (t.isAfter(now)) {
            lostLater.add(new Later(a, t));
          }
        }
      }
      lostLaterEvals.putAll(batchFollowups(groupName, lostLater, TRIGGER_RETRY_FAILED_ALLOC, RESCHEDULE_FOLLOWUP_DESC));
    }
    lostLaterEvals.putAll(timeoutLaterEvals);
    lost = lost.union(c.expiring);

    changes.reconnect += reconnectUpdates.values().stream().filter(u -> groupName.equals(u.alloc().taskGroup())).count();
    changes.disconnect += disconnecting.size();
    changes.rescheduleLater += rescheduleLater.size();
    Map<String, String> laterIds = batchFollowups(groupName, rescheduleLater, TRIGGER_RETRY_FAILED_ALLOC, RESCHEDULE_FOLLOWUP_DESC);
    for (Map.Entry<String, String> e : laterIds.entrySet()) {
      Allocation a = all.get(e.getKey());
      if (a == null) {
        a = disconnecting.get(e.getKey());
      }
      if (a != null) {
        attributeUpdates.put(a.id(), a.toBuilder().followupEvalID(e.getValue()).build());
      }
    }

    String jobId = job.id() == null ? "" : job.id();
    AllocNameIndex names = new AllocNameIndex(jobId, groupName, count, untainted.union(migrate, rescheduleNow, lost).values());

    boolean canarying = dstate.desiredCanaries != 0 && !dstate.promoted;
    // Failed allocations rescheduled now get a replacement below, so they hold a slot of the count
    // just as running ones do (Nomad leaves them out and overshoots the count when a scale-down
    // meets a due reschedule). Only those whose replacement will really be placed count.
    AllocSet heldCanaries = canarying ? canaries : new AllocSet();
    AllocSet replacing = lostLater.isEmpty()
        ? rescheduleNow.filter(a -> failedNotDisconnecting(a) && !heldCanaries.contains(a.id()) && !partOfFailedDeployment(a))
        : new AllocSet();
    AllocSet stopped = computeStop(tg, names, untainted, migrate, lost, replacing, canaries, canarying, lostLaterEvals);
    changes.stop += stopped.size();
    untainted = untainted.difference(stopped);
    rescheduleNow = rescheduleNow.difference(stopped);
    changes.rescheduleNow += rescheduleNow.size();

    // In-place versus destructive.
    AllocSet destructiveSet = new AllocSet();
    int inplaceCount = 0;
    for (Allocation a : untainted.values()) {
      UpdateDecision decision = in.updateDecider().decide(a, jobOf(a), job, tg);
      if (decision instanceof UpdateDecision.Ignore) {
        changes.ignore++;
      } else if (decision instanceof UpdateDecision.Destructive) {
        destructiveSet.add(a);
      } else if (decision instanceof UpdateDecision.InPlace ip) {
        inplaceCount++;
        inplace.add(ip.updated());
      }
    }
    changes.inPlaceUpdate += inplaceCount;
    if (!existingDeployment) {
      dstate.desiredTotal += destructiveSet.size() + inplaceCount;
    }

    if (canarying) {
      untainted = untainted.difference(canaries);
    }

    boolean requireCanaries = tg.update() != null && !destructiveSet.isEmpty()
        && canaries.size() < orZero(tg.update().canary()) && !dstate.promoted;
    if (requireCanaries) {
      dstate.desiredCanaries = orZero(tg.update().canary());
      if (!deploymentPaused && !deploymentFailed) {
        int n = orZero(tg.update().canary()) - canaries.size();
        changes.canary += n;
        for (String name : names.nextCanaries(n, canaries.values(), destructiveSet.values())) {
          place.add(AllocPlacement.fresh(name, groupName, true, false));
        }
      }
    }

    canarying = dstate.desiredCanaries != 0 && !dstate.promoted;
    int underProvisionedBy = underProvisionedBy(tg, untainted, destructiveSet, migrate, canarying);

    List<AllocPlacement> toPlace = new ArrayList<>();
    if (lostLater.isEmpty()) {
      toPlace = computePlacements(tg, names, untainted, migrate, rescheduleNow, lost, canarying);
      if (!existingDeployment) {
        dstate.desiredTotal += toPlace.size();
      }
    }

    boolean placeReady = !deploymentPaused && !deploymentFailed && !canarying;
    underProvisionedBy = computeReplacements(placeReady, changes, toPlace, rescheduleNow, lost, underProvisionedBy);

    if (placeReady) {
      int n = Math.min(destructiveSet.size(), underProvisionedBy);
      changes.destructiveUpdate += n;
      changes.ignore += destructiveSet.size() - n;
      for (Allocation a : destructiveSet.nameOrder().subList(0, n)) {
        destructive.add(new DestructiveUpdate(a.name(), groupName, a, ALLOC_UPDATING));
      }
    } else {
      changes.ignore += destructiveSet.size();
    }

    for (Allocation a : migrate.nameOrder()) {
      DesiredTransition t = a.desiredTransition();
      if (in.batch() && t != null && Boolean.TRUE.equals(t.reschedule())) {
        continue;
      }
      changes.migrate++;
      stop.add(new AllocStop(a, "", ALLOC_MIGRATING, ""));
      if (in.batch() && t != null && Boolean.TRUE.equals(t.migrateDisablePlacement())) {
        continue;
      }
      place.add(new AllocPlacement(a.name(), groupName, a, false, isCanary(a), canarying && !isCanary(a),
          orZero(jobOf(a).version()), false, true));
    }

    createDeployment(groupName, tg, existingDeployment, dstate, all, destructiveSet);

    // Never more placements than the count (canaries and migrations included), as in Nomad.
    if (place.size() - placedBefore > count) {
      place.subList(placedBefore + count, place.size()).clear();
      changes.place = count;
    }

    boolean complete = destructiveSet.isEmpty() && inplaceCount == 0 && toPlace.isEmpty() && migrate.isEmpty()
        && rescheduleNow.isEmpty() && rescheduleLater.isEmpty() && !requireCanaries;
    if (!complete || deployment == null) {
      return false;
    }
    DState s = dstates.get(groupName);
    if (s != null && (s.healthyAllocs < Math.max(s.desiredTotal, s.desiredCanaries) || (s.desiredCanaries > 0 && !s.promoted))) {
      return false;
    }
    return true;
  }

  private List<AllocPlacement> computePlacements(TaskGroup tg, AllocNameIndex names, AllocSet untainted, AllocSet migrate,
      AllocSet reschedule, AllocSet lost, boolean canarying) {
    List<AllocPlacement> out = new ArrayList<>();
    for (Allocation a : reschedule.nameOrder()) {
      out.add(new AllocPlacement(a.name(), tg.name(), a, true, isCanary(a), canarying && !isCanary(a),
          orZero(jobOf(a).version()), false, false));
    }
    int existing = untainted.size() + migrate.size() + reschedule.size();
    for (Allocation a : lost.nameOrder()) {
      if (existing >= tg.count()) {
        break;
      }
      existing++;
      out.add(new AllocPlacement(a.name(), tg.name(), a, false, isCanary(a), canarying && !isCanary(a),
          orZero(jobOf(a).version()), true, false));
    }
    if (existing < tg.count()) {
      for (String name : names.next(tg.count() - existing)) {
        out.add(AllocPlacement.fresh(name, tg.name(), false, canarying));
      }
    }
    return out;
  }

  /** A failed allocation rescheduled now, as opposed to one rescheduled because its client disconnected. */
  private boolean failedNotDisconnecting(Allocation a) {
    return !disconnectUpdates.containsKey(a.id()) && !AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus());
  }

  /** Whether the allocation belongs to the current deployment and that deployment failed (it is not rescheduled then). */
  private boolean partOfFailedDeployment(Allocation a) {
    return deploymentFailed && deployment != null && deployment.id().equals(a.deploymentID());
  }

  private int computeReplacements(boolean placeReady, Counts changes, List<AllocPlacement> toPlace, AllocSet rescheduleNow,
      AllocSet lost, int underProvisionedBy) {
    AllocSet failed = rescheduleNow.filter(this::failedNotDisconnecting);
    if (placeReady) {
      changes.place += toPlace.size();
      place.addAll(toPlace);
      markStop(failed, "", ALLOC_RESCHEDULED, Map.of());
      changes.stop += failed.size();
      return underProvisionedBy - Math.min(toPlace.size(), underProvisionedBy);
    }
    // Lost allocations are still replaced. (Nomad takes the first |lost| placements here, which are
    // the reschedules when there are any; the loop below then places those reschedules a second
    // time and leaves the lost ones unreplaced.)
    if (!lost.isEmpty()) {
      List<AllocPlacement> lostReplacements = toPlace.stream().filter(AllocPlacement::lost).limit(lost.size()).toList();
      changes.place += lostReplacements.size();
      place.addAll(lostReplacements);
    }
    if (rescheduleNow.isEmpty() || toPlace.isEmpty()) {
      return underProvisionedBy;
    }
    for (AllocPlacement p : toPlace) {
      Allocation prev = p.previousAlloc();
      if (p.reschedule() && prev != null && !partOfFailedDeployment(prev)) {
        place.add(p);
        changes.place++;
        if (prev != null && !disconnectUpdates.containsKey(prev.id())) {
          stop.add(new AllocStop(prev, "", ALLOC_RESCHEDULED, ""));
          changes.stop++;
        }
      }
    }
    return underProvisionedBy;
  }

  /**
   * Stops lost allocations and whatever exceeds the count: promoted canaries' namesakes first, then
   * the highest-named migrating allocations, then the highest names among the untainted ones and
   * the failed ones about to be replaced ({@code replacing}; a failed one is dropped instead of
   * replaced, and wins a tie of names over a running one).
   */
  private AllocSet computeStop(TaskGroup tg, AllocNameIndex names, AllocSet untainted, AllocSet migrate, AllocSet lost,
      AllocSet replacing, AllocSet canaries, boolean canarying, Map<String, String> followupEvals) {
    AllocSet stopped = lost.copy();
    markStop(lost, AllocStatus.CLIENT_LOST, ALLOC_LOST, followupEvals);
    AllocSet candidates = canarying ? untainted.difference(canaries) : untainted.copy();
    int known = candidates.filter(a -> !AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())).size();
    int remove = known + migrate.size() + replacing.size() - tg.count();
    if (remove <= 0) {
      return stopped;
    }
    candidates = candidates.filter(a -> !a.terminal());
    if (!canarying && !canaries.isEmpty()) {
      Set<String> canaryNames = new java.util.HashSet<>();
      canaries.values().forEach(a -> canaryNames.add(a.name()));
      for (Allocation a : candidates.difference(canaries).list()) {
        if (canaryNames.contains(a.name())) {
          stopped.add(a);
          stop.add(new AllocStop(a, "", ALLOC_NOT_NEEDED, ""));
          candidates.remove(a.id());
          if (--remove == 0) {
            return stopped;
          }
        }
      }
    }
    if (!migrate.isEmpty()) {
      AllocNameIndex migrating = new AllocNameIndex(job.id(), tg.name(), tg.count(), migrate.values());
      Set<String> removeNames = migrating.highest(remove);
      for (Allocation a : migrate.nameOrder()) {
        if (!removeNames.contains(a.name())) {
          continue;
        }
        stop.add(new AllocStop(a, "", ALLOC_NOT_NEEDED, ""));
        migrate.remove(a.id());
        stopped.add(a);
        names.unset(AllocNameIndex.index(a.name()));
        if (--remove == 0) {
          return stopped;
        }
      }
    }
    Set<String> removeNames = names.highest(remove);
    List<Allocation> order = new ArrayList<>(replacing.nameOrder());
    order.addAll(candidates.nameOrder());
    for (Allocation a : order) {
      if (removeNames.contains(a.name())) {
        stopped.add(a);
        stop.add(new AllocStop(a, "", ALLOC_NOT_NEEDED, ""));
        if (--remove == 0) {
          return stopped;
        }
      }
    }
    // Duplicate names can leave some to stop: any remaining, failed ones first, then highest names.
    order = new ArrayList<>(com.google.common.collect.Lists.reverse(replacing.nameOrder()));
    order.addAll(com.google.common.collect.Lists.reverse(candidates.nameOrder()));
    for (Allocation a : order) {
      if (stopped.contains(a.id())) {
        continue;
      }
      stopped.add(a);
      stop.add(new AllocStop(a, "", ALLOC_NOT_NEEDED, ""));
      if (--remove == 0) {
        return stopped;
      }
    }
    return stopped;
  }

  private int underProvisionedBy(TaskGroup tg, AllocSet untainted, AllocSet destructiveSet, AllocSet migrate, boolean canarying) {
    if (updateEmpty(tg.update()) || destructiveSet.size() + migrate.size() == 0) {
      return tg.count();
    }
    int maxParallel = orZero(tg.update().maxParallel());
    if (deployment == null) {
      return maxParallel;
    }
    if (deploymentPaused || deploymentFailed || canarying) {
      return 0;
    }
    int n = maxParallel;
    for (Allocation a : untainted.values()) {
      if (!deployment.id().equals(a.deploymentID())) {
        continue;
      }
      Boolean healthy = a.deploymentStatus() == null ? null : a.deploymentStatus().healthy();
      if (Boolean.FALSE.equals(healthy)) {
        return 0;
      }
      if (healthy == null) {
        n--;
      }
    }
    return Math.max(0, n);
  }

  private void createDeployment(String groupName, TaskGroup tg, boolean existingDeployment, DState dstate, AllocSet all,
      AllocSet destructiveSet) {
    if (existingDeployment || updateEmpty(tg.update()) || dstate.desiredTotal == 0) {
      return;
    }
    boolean updatingSpec = !destructiveSet.isEmpty() || !inplace.isEmpty();
    boolean hadRunning = false;
    for (Allocation a : all.values()) {
      Job aj = jobOf(a);
      if (orZero(aj.version()) == orZero(job.version()) && orZero(aj.createIndex()) == orZero(job.createIndex())) {
        hadRunning = true;
        break;
      }
    }
    if (hadRunning && !updatingSpec) {
      return;
    }
    if (deployment == null) {
      created = Deployment.builder()
          .id(uuid("deployment"))
          .namespace(job.namespace() == null ? "default" : job.namespace())
          .jobID(job.id())
          .jobVersion(orZero(job.version()))
          .jobModifyIndex(orZero(job.modifyIndex()))
          .jobSpecModifyIndex(orZero(job.jobModifyIndex()))
          .jobCreateIndex(orZero(job.createIndex()))
          .status(DeploymentStatuses.RUNNING)
          .statusDescription(DEPLOYMENT_RUNNING)
          .evalPriority(in.evalPriority())
          .createTime(Reschedule.nanos(now))
          .modifyTime(Reschedule.nanos(now))
          .build();
      deployment = created;
    }
    dstates.put(groupName, dstate);
  }

  // ---- reconnecting ----------------------------------------------------------------------

  private AllocSet reconcileReconnecting(AllocSet reconnecting, AllocSet all, TaskGroup tg) {
    AllocSet stopped = new AllocSet();
    for (Allocation r : reconnecting.values()) {
      if (!r.serverTerminal() && AllocStatus.CLIENT_FAILED.equals(r.clientStatus())) {
        stopped.add(r);
        stop.add(new AllocStop(r, AllocStatus.CLIENT_FAILED, ALLOC_RESCHEDULED, ""));
        continue;
      }
      if (!AllocStatus.DESIRED_RUN.equals(r.desiredStatus()) || shouldMigrate(r) || shouldReschedule(r) || forceReschedule(r)
          || olderVersion(r)) {
        stopped.add(r);
        stop.add(new AllocStop(r, "", ALLOC_NOT_NEEDED, ""));
        continue;
      }
      for (Allocation replacement : all.values()) {
        boolean replaces = replacement.id().equals(r.nextAllocation()) || replacement.previousAllocation().equals(r.id());
        if (!replaces || replacement.id().equals(r.id()) || replacement.serverTerminal()) {
          continue;
        }
        if (pickReconnecting(r, replacement, tg) == replacement) {
          if (!stopped.contains(r.id())) {
            stopped.add(r);
            stop.add(new AllocStop(r, "", ALLOC_NOT_NEEDED, ""));
          }
        } else if (!AllocStatus.CLIENT_FAILED.equals(replacement.clientStatus())) {
          stopped.add(replacement);
          stop.add(new AllocStop(replacement, "", ALLOC_RECONNECTED, ""));
        }
      }
    }
    return stopped;
  }

  private Allocation pickReconnecting(Allocation original, Allocation replacement, TaskGroup tg) {
    Job oj = jobOf(original);
    Job rj = jobOf(replacement);
    if (orZero(rj.version()) > orZero(oj.version()) || orZero(rj.createIndex()) > orZero(oj.createIndex())) {
      return replacement;
    }
    String strategy = tg.disconnect() == null || tg.disconnect().reconcile() == null ? "best_score" : tg.disconnect().reconcile();
    switch (strategy) {
      case "keep_original":
        return original;
      case "keep_replacement":
        return replacement;
      case "longest_running": {
        Instant o = firstRunning(original);
        Instant rr = firstRunning(replacement);
        if (o == null) {
          return rr == null ? original : replacement;
        }
        return rr != null && rr.isBefore(o) ? replacement : original;
      }
      default: {
        Double os = maxNormScore(original);
        Double rs = maxNormScore(replacement);
        boolean better = (os == null && rs != null) || (os != null && rs != null && rs > os);
        boolean replacementRunning = AllocStatus.CLIENT_RUNNING.equals(replacement.clientStatus());
        boolean originalNotRunning = !AllocStatus.CLIENT_RUNNING.equals(original.clientStatus());
        return better && (replacementRunning || originalNotRunning) ? replacement : original;
      }
    }
  }

  private @Nullable Instant firstRunning(Allocation a) {
    for (AllocState s : history(a)) {
      if (AllocState.CLIENT_STATUS.equals(s.field()) && AllocStatus.CLIENT_RUNNING.equals(s.value())) {
        return s.time();
      }
    }
    return a.createTime() == 0 ? null : Reschedule.fromNanos(a.createTime());
  }

  private static @Nullable Double maxNormScore(Allocation a) {
    if (a.metrics() == null || a.metrics().scoreMetaData() == null || a.metrics().scoreMetaData().isEmpty()) {
      return null;
    }
    return a.metrics().scoreMetaData().stream().mapToDouble(m -> m.normScore()).max().getAsDouble();
  }

  // ---- classification ------------------------------------------------------------------

  private record Classified(AllocSet untainted, AllocSet migrate, AllocSet lost, AllocSet disconnecting,
      AllocSet reconnecting, AllocSet ignore, AllocSet expiring) {}

  /** Sorts allocations by their own state and their node's; the first matching rule wins. */
  private Classified classify(AllocSet set) {
    Classified c = new Classified(new AllocSet(), new AllocSet(), new AllocSet(), new AllocSet(), new AllocSet(), new AllocSet(), new AllocSet());
    for (Allocation a : set.values()) {
      String cs = a.clientStatus();
      boolean reconnect = (AllocStatus.CLIENT_UNKNOWN.equals(cs) || AllocStatus.CLIENT_RUNNING.equals(cs) || AllocStatus.CLIENT_FAILED.equals(cs))
          && needsToReconnect(a);
      TaskGroup tg = groupOf(a);
      if (reconnect && AllocStatus.CLIENT_FAILED.equals(cs) && AllocStatus.DESIRED_RUN.equals(a.desiredStatus())) {
        c.reconnecting.add(a);
      } else if (a.serverTerminal() && in.batch() && a.desiredTransition() != null
          && Boolean.TRUE.equals(a.desiredTransition().migrateDisablePlacement())) {
        c.untainted.add(a);
      } else if (a.serverTerminal()) {
        c.ignore.add(a);
      } else if (a.clientTerminal() && isCanary(a) && shouldMigrate(a)) {
        c.migrate.add(a);
      } else if (a.clientTerminal()) {
        c.untainted.add(a);
      } else if (expired(a, tg)) {
        c.expiring.add(a);
      } else {
        Node node = in.taintedNodes().get(a.nodeID());
        boolean gone = in.goneNodes().contains(a.nodeID());
        if (node != null && NodeStatus.DISCONNECTED.equals(node.status())) {
          if (AllocStatus.CLIENT_UNKNOWN.equals(cs)) {
            c.untainted.add(a);
          } else if (AllocStatus.CLIENT_PENDING.equals(cs) || tg == null || lostAfter(tg).isZero()) {
            c.lost.add(a);
          } else {
            c.disconnecting.add(a);
          }
        } else if (shouldMigrate(a)) {
          c.migrate.add(a);
        } else if (!gone && (node == null || !NodeStatus.DOWN.equals(node.status()))) {
          (reconnect ? c.reconnecting : c.untainted).add(a);
        } else if (gone) {
          c.lost.add(a);
        } else if (tg != null && !replace(tg) && AllocStatus.CLIENT_UNKNOWN.equals(cs)) {
          c.untainted.add(a);
        } else if (tg != null && !replace(tg) && AllocStatus.CLIENT_RUNNING.equals(cs)) {
          c.disconnecting.add(a);
        } else {
          c.lost.add(a);
        }
      }
    }
    return c;
  }

  private record Later(Allocation alloc, Instant time) {}

  private record Rescheduleable(AllocSet untainted, AllocSet now, List<Later> later) {}

  /** Splits allocations into those kept, those rescheduled now and those rescheduled later. */
  private Rescheduleable filterByRescheduleable(AllocSet set, boolean disconnecting) {
    Rescheduleable out = new Rescheduleable(new AllocSet(), new AllocSet(), new ArrayList<>());
    for (Allocation a : set.values()) {
      if (disconnecting && AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())) {
        continue;
      }
      if (!a.nextAllocation().isEmpty() && a.terminal()) {
        continue;
      }
      int filter = shouldFilter(a);
      if (filter == KEEP && !disconnecting) {
        out.untainted.add(a);
        continue;
      }
      if (filter == IGNORE) {
        continue;
      }
      // updateByReschedulable
      if (deployment != null && deployment.id().equals(a.deploymentID()) && active(deployment) && !shouldReschedule(a)) {
        out.untainted.add(a);
        continue;
      }
      if (forceReschedule(a) && a.clientTerminal()) {
        out.now.add(a);
        continue;
      }
      Reschedule.Next next;
      TaskGroup tg = groupOf(a);
      if (disconnecting) {
        next = new Reschedule.Next(now, tg != null && replace(tg));
      } else if (AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus()) && a.followupEvalID().equals(in.evalId())) {
        next = policyOf(a) == null ? new Reschedule.Next(Instant.EPOCH, false)
            : Reschedule.nextRescheduleTimeAfter(a, policyOf(a), lastUnknown(a));
      } else {
        next = Reschedule.nextRescheduleTime(a, policyOf(a));
      }
      if (next.eligible() && (a.followupEvalID().equals(in.evalId()) || Duration.between(now, next.time()).compareTo(RESCHEDULE_WINDOW) <= 0)) {
        out.now.add(a);
        continue;
      }
      out.untainted.add(a);
      if (next.eligible() && (a.followupEvalID().isEmpty() || disconnecting)) {
        out.later.add(new Later(a, next.time()));
      }
    }
    return out;
  }

  private static final int CANDIDATE = 0;
  private static final int KEEP = 1;
  private static final int IGNORE = 2;

  /** Whether an allocation is kept as is, ignored, or a reschedule candidate. */
  private int shouldFilter(Allocation a) {
    if (in.batch()) {
      if (AllocStatus.DESIRED_STOP.equals(a.desiredStatus())) {
        if (ranSuccessfully(a)) {
          return KEEP;
        }
        return Reschedule.lastRescheduleFailed(a) ? CANDIDATE : IGNORE;
      }
      if (AllocStatus.DESIRED_EVICT.equals(a.desiredStatus())) {
        return IGNORE;
      }
      return AllocStatus.CLIENT_FAILED.equals(a.clientStatus()) ? CANDIDATE : KEEP;
    }
    if (a.serverTerminal()) {
      return Reschedule.lastRescheduleFailed(a) ? CANDIDATE : IGNORE;
    }
    if (AllocStatus.CLIENT_COMPLETE.equals(a.clientStatus()) || AllocStatus.CLIENT_LOST.equals(a.clientStatus())) {
      return IGNORE;
    }
    return CANDIDATE;
  }

  /**
   * Creates follow-up evaluations for allocations due later, one per 5 s window starting at the
   * earliest due time; returns allocation ID → evaluation ID.
   */
  private Map<String, String> batchFollowups(String group, List<Later> later, String trigger, String description) {
    Map<String, String> ids = new LinkedHashMap<>();
    if (later.isEmpty()) {
      return ids;
    }
    List<Later> sorted = new ArrayList<>(later);
    sorted.sort(Comparator.comparing(Later::time).thenComparing(l -> l.alloc().id()));
    List<Evaluation> evals = followups.computeIfAbsent(group, k -> new ArrayList<>());
    Instant batchStart = null;
    Evaluation eval = null;
    for (Later l : sorted) {
      if (eval == null || Duration.between(batchStart, l.time()).compareTo(BATCH_WINDOW) >= 0) {
        batchStart = l.time();
        eval = Evaluation.builder()
            .id(uuid("followup"))
            .namespace(job.namespace() == null ? "default" : job.namespace())
            .priority(in.evalPriority())
            .type(job.type() == null ? "service" : job.type())
            .triggeredBy(trigger)
            .jobID(job.id())
            .jobModifyIndex(orZero(job.modifyIndex()))
            .status(EvalStatus.PENDING)
            .statusDescription(description)
            .waitUntil(batchStart.toString())
            .previousEval(in.evalId())
            .build();
        evals.add(eval);
      }
      ids.put(l.alloc().id(), eval.id());
    }
    return ids;
  }

  // ---- helpers --------------------------------------------------------------------------

  private int stopAll(AllocSet set) {
    int before = stop.size();
    Classified c = classify(set);
    markStop(c.untainted, "", ALLOC_NOT_NEEDED, Map.of());
    markStop(c.migrate, "", ALLOC_NOT_NEEDED, Map.of());
    markStop(c.lost, AllocStatus.CLIENT_LOST, ALLOC_LOST, Map.of());
    markStop(c.disconnecting, "", ALLOC_NOT_NEEDED, Map.of());
    markStop(c.reconnecting, "", ALLOC_NOT_NEEDED, Map.of());
    markStop(c.ignore.filter(a -> AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())), "", ALLOC_NOT_NEEDED, Map.of());
    markStop(c.expiring.filter(a -> AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())), "", ALLOC_NOT_NEEDED, Map.of());
    return stop.size() - before;
  }

  private void markStop(AllocSet set, String clientStatus, String description, Map<String, String> followups) {
    for (Allocation a : set.nameOrder()) {
      stop.add(new AllocStop(a, clientStatus, description, followups.getOrDefault(a.id(), "")));
    }
  }

  private Counts counts(String group) {
    return desired.computeIfAbsent(group, k -> new Counts());
  }

  /** The job version an allocation runs; the current job when the allocation does not carry one. */
  private Job jobOf(Allocation a) {
    return a.job() != null ? a.job() : job;
  }

  private @Nullable TaskGroup groupOf(Allocation a) {
    Job j = a.job() != null ? a.job() : job;
    return j == null ? null : TasksUpdated.find(j, a.taskGroup());
  }

  private @Nullable ReschedulePolicy policyOf(Allocation a) {
    TaskGroup tg = groupOf(a);
    return tg == null ? null : tg.reschedulePolicy();
  }

  private boolean olderVersion(Allocation a) {
    Job aj = jobOf(a);
    return orZero(aj.version()) < orZero(job.version()) || orZero(aj.createIndex()) < orZero(job.createIndex());
  }

  /**
   * The allocation's client status history: the input's entry for it if any, else the
   * {@code AllocStates} recorded on the allocation.
   */
  private List<AllocState> history(Allocation a) {
    List<AllocState> given = in.allocStates().get(a.id());
    if (given != null) {
      return given;
    }
    List<AllocState> out = new ArrayList<>();
    for (io.caravan.model.cluster.AllocState s : a.allocStatesOrEmpty()) {
      out.add(AllocState.of(a.id(), s));
    }
    return out;
  }

  private boolean needsToReconnect(Allocation a) {
    List<AllocState> states = history(a);
    for (int i = states.size() - 1; i >= 0; i--) {
      if (AllocState.CLIENT_STATUS.equals(states.get(i).field())) {
        return AllocStatus.CLIENT_UNKNOWN.equals(states.get(i).value());
      }
    }
    return false;
  }

  /** When the allocation last went unknown: its history, else its modify time if it is unknown now. */
  private Instant lastUnknown(Allocation a) {
    return lastState(a, AllocStatus.CLIENT_UNKNOWN).orElse(
        AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus()) ? Reschedule.fromNanos(a.modifyTime()) : Instant.EPOCH);
  }

  private java.util.Optional<Instant> lastState(Allocation a, String value) {
    Instant last = null;
    for (AllocState s : history(a)) {
      if (AllocState.CLIENT_STATUS.equals(s.field()) && value.equals(s.value()) && (last == null || s.time().isAfter(last))) {
        last = s.time();
      }
    }
    return java.util.Optional.ofNullable(last);
  }

  private boolean expired(Allocation a, @Nullable TaskGroup tg) {
    if (!AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus()) || tg == null) {
      return false;
    }
    Instant last = lastUnknown(a);
    if (last.equals(Instant.EPOCH)) {
      return false;
    }
    Duration timeout = lostAfter(tg);
    if (timeout.isZero() && replace(tg)) {
      return false;
    }
    return !last.plus(timeout).isAfter(now);
  }

  /** The disconnect {@code lost_after}, falling back to the deprecated {@code max_client_disconnect}. */
  static Duration lostAfter(TaskGroup tg) {
    if (tg.disconnect() != null && tg.disconnect().lostAfter() != null) {
      return tg.disconnect().lostAfter();
    }
    return tg.maxClientDisconnect() == null ? Duration.ZERO : tg.maxClientDisconnect();
  }

  /** The disconnect {@code stop_on_client_after}, falling back to {@code stop_after_client_disconnect}; null if unset. */
  static @Nullable Duration stopAfter(TaskGroup tg) {
    if (tg.disconnect() != null && tg.disconnect().stopOnClientAfter() != null) {
      return tg.disconnect().stopOnClientAfter();
    }
    return tg.stopAfterClientDisconnect();
  }

  /** The disconnect {@code replace} (default true; the deprecated prevent_reschedule_on_lost inverts it). */
  static boolean replace(TaskGroup tg) {
    if (tg.disconnect() != null && tg.disconnect().replace() != null) {
      return tg.disconnect().replace();
    }
    return !Boolean.TRUE.equals(tg.preventRescheduleOnLost());
  }

  private static Duration maxKillTimeout(TaskGroup tg) {
    Duration max = Duration.ZERO;
    for (var t : tg.tasksOrEmpty()) {
      if (t.killTimeout() != null && t.killTimeout().compareTo(max) > 0) {
        max = t.killTimeout();
      }
    }
    return max;
  }

  private static boolean ranSuccessfully(Allocation a) {
    if (AllocStatus.CLIENT_COMPLETE.equals(a.clientStatus())) {
      return true;
    }
    if (a.taskStates() == null || a.taskStates().isEmpty()) {
      return false;
    }
    return a.taskStates().values().stream().allMatch(s -> "dead".equals(s.state()) && !s.failed());
  }

  private static List<String> canaryIds(DeploymentState s) {
    return s.placedCanaries() == null ? List.of() : s.placedCanaries();
  }

  private static boolean isCanary(Allocation a) {
    AllocDeploymentStatus s = a.deploymentStatus();
    return s != null && s.canary();
  }

  private static boolean shouldMigrate(Allocation a) {
    return a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().migrate());
  }

  private static boolean shouldReschedule(Allocation a) {
    return a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().reschedule());
  }

  private static boolean forceReschedule(Allocation a) {
    return a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().forceReschedule());
  }

  private static boolean active(Deployment d) {
    return switch (d.status()) {
      case DeploymentStatuses.RUNNING, DeploymentStatuses.PAUSED, DeploymentStatuses.BLOCKED,
          DeploymentStatuses.UNBLOCKING, DeploymentStatuses.PENDING, DeploymentStatuses.INITIALIZING -> true;
      default -> false;
    };
  }

  private static boolean updateEmpty(@Nullable UpdateStrategy u) {
    return u == null || u.maxParallel() == null || u.maxParallel() == 0;
  }

  private String uuid(String kind) {
    return UUID.nameUUIDFromBytes((in.evalId() + "/" + kind + "/" + (idCounter++)).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static long orZero(@Nullable Long l) {
    return l == null ? 0 : l;
  }

  private static int orZero(@Nullable Integer i) {
    return i == null ? 0 : i;
  }

  /** Mutable per-group annotation counts. */
  private static final class Counts {
    long ignore;
    long place;
    long migrate;
    long stop;
    long inPlaceUpdate;
    long destructiveUpdate;
    long canary;
    long reconnect;
    long disconnect;
    long rescheduleNow;
    long rescheduleLater;

    DesiredUpdates toRecord() {
      return new DesiredUpdates(ignore, place, migrate, stop, inPlaceUpdate, destructiveUpdate, canary, 0, reconnect,
          disconnect, rescheduleNow, rescheduleLater);
    }
  }

  /** Mutable deployment state of one group while reconciling. */
  private static final class DState {
    List<String> placedCanaries = List.of();
    boolean autoRevert;
    boolean autoPromote;
    Duration progressDeadline = Duration.ZERO;
    @Nullable String requireProgressBy;
    boolean promoted;
    int desiredCanaries;
    int desiredTotal;
    int placedAllocs;
    int healthyAllocs;
    int unhealthyAllocs;

    static DState of(DeploymentState s) {
      DState d = new DState();
      d.placedCanaries = s.placedCanaries() == null ? List.of() : s.placedCanaries();
      d.autoRevert = s.autoRevert();
      d.autoPromote = s.autoPromote();
      d.progressDeadline = s.progressDeadline();
      d.requireProgressBy = s.requireProgressBy();
      d.promoted = s.promoted();
      d.desiredCanaries = s.desiredCanaries();
      d.desiredTotal = s.desiredTotal();
      d.placedAllocs = s.placedAllocs();
      d.healthyAllocs = s.healthyAllocs();
      d.unhealthyAllocs = s.unhealthyAllocs();
      return d;
    }

    DeploymentState toRecord() {
      return new DeploymentState(placedCanaries, autoRevert, autoPromote, progressDeadline, requireProgressBy, promoted,
          desiredCanaries, desiredTotal, placedAllocs, healthyAllocs, unhealthyAllocs);
    }
  }
}
