package io.caravan.scheduler.placement;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Port;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Spread;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.explain.Explanations;
import io.caravan.scheduler.explain.MetricsCollector;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import io.caravan.scheduler.feasibility.CsiVolumeChecker;
import io.caravan.scheduler.feasibility.DeviceConstraints;
import io.caravan.scheduler.feasibility.TargetResolver;
import io.caravan.scheduler.feasibility.TaskGroupChecker;
import io.caravan.scheduler.preemption.NodePreemption;
import io.caravan.scheduler.ranking.ScoreFunctions;
import io.caravan.scheduler.ranking.SpreadScorer;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.DeviceAllocator;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Places task groups on nodes the way Nomad's {@code GenericStack} does for service and batch
 * jobs: ready nodes in the job's datacenters and pool, shuffled by a seed from the evaluation ID
 * and snapshot index; a round-robin source whose offset persists across selections; feasibility
 * memoised by computed class; distinct_hosts and distinct_property; bin-packing with ports and
 * devices; job anti-affinity, reschedule penalty, node affinity, spread and preemption scores;
 * their arithmetic mean; the limit iterator (skipping up to 3 non-positive scores) and first-max
 * selection ({@link PlacementOptions} can make it rank every feasible node instead). A pure
 * function of (snapshot, configuration, options, request). Not thread-safe.
 */
public final class PlacementEngine {
  private static final int MAX_SKIP = 3;
  private static final int FEASIBILITY_NODE_LIMIT = 100;
  /** Checker states per node (see {@code Group.checks}). */
  private static final byte UNCHECKED = 0;
  private static final byte CHECKED_ONCE = 1;
  private static final byte FINAL_INFEASIBLE = 2;
  private static final byte FINAL_FEASIBLE = 3;
  /** Rank outcome markers (see {@code Group.outcome}), compared by identity. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String UNRANKED = new String("unranked");
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String FITS = new String("fits");
  /** Exhaustion reasons that decide whether preemption may help. */
  private static final String DYNAMIC_PORTS_EXHAUSTED = "network: dynamic port selection failed";
  private static final String DEVICES_UNAVAILABLE = "devices: no devices match request";

  private final ClusterSnapshot snapshot;
  private final SchedulerConfiguration config;
  private final PlacementOptions options;
  /** Whether the per-class and inline-scoring shortcuts are used (see the package-private constructor). */
  private final boolean shortcuts;
  /** Ready nodes per (pool, datacenters) with their per-DC counts; the snapshot is immutable for this engine. */
  private final Map<String, Candidates> candidates = new HashMap<>();

  private record Candidates(List<Node> nodes, Map<String, Integer> perDc) {}

  private Candidates candidates(String pool, List<String> dcs) {
    return candidates.computeIfAbsent(pool + "\u0000" + String.join("\u0000", dcs), k -> {
      List<Node> out = new ArrayList<>();
      // Counters per datacenter, with the last one remembered: nodes share a few (interned) values.
      Map<String, int[]> perDc = new HashMap<>();
      String lastDc = null;
      int[] lastCount = null;
      for (Node n : snapshot.nodesByPool(pool)) {
        String dc = n.datacenter();
        if (n.ready() && inAnyDc(dc, dcs)) {
          out.add(n);
          if (dc != lastDc || lastCount == null) {
            lastCount = perDc.computeIfAbsent(dc, d -> new int[1]);
            lastDc = dc;
          }
          lastCount[0]++;
        }
      }
      TreeMap<String, Integer> sorted = new TreeMap<>();
      perDc.forEach((dc, c) -> sorted.put(dc, c[0]));
      return new Candidates(List.copyOf(out), ImmutableMap.copyOf(sorted));
    });
  }

  /** An engine over {@code snapshot} with the cluster's scheduler configuration, ranking nodes as Nomad does. */
  public PlacementEngine(ClusterSnapshot snapshot, SchedulerConfiguration config) {
    this(snapshot, config, PlacementOptions.nomad());
  }

  /** An engine over {@code snapshot} with the cluster's scheduler configuration and the given engine options. */
  public PlacementEngine(ClusterSnapshot snapshot, SchedulerConfiguration config, PlacementOptions options) {
    this(snapshot, config, options, true);
  }

  /**
   * With {@code shortcuts} false, every node takes the straightforward path: the checker for each
   * node, spread attributes resolved per node, every score through the general ranking and no fit
   * memo. The results are the same; tests compare the two.
   */
  PlacementEngine(ClusterSnapshot snapshot, SchedulerConfiguration config, PlacementOptions options,
      boolean shortcuts) {
    this.snapshot = snapshot;
    this.config = config;
    this.options = options;
    this.shortcuts = shortcuts;
  }

  /** Places every requested allocation it can; the rest are reported per task group. */
  public PlacementResult place(PlacementRequest request) {
    return new Pass(request).run();
  }

  /** The ceiling of log2(n) for n ≥ 1, computed exactly on integers. */
  static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** State of one evaluation's placement pass. */
  private final class Pass {
    private final PlacementRequest request;
    private final Job job;
    private final String jobId;
    private final int priority;
    /**
     * The candidate nodes in this pass's shuffled order: a node's index is its position in the
     * order, so walking the order reads every per-node array sequentially.
     */
    private final Node[] nodes;
    private final int nodeCount;
    private final NodeUsage[] usage;
    private final Map<String, Integer> nodesAvailable;
    private final SplittableRandom rng;
    private final long[] idSalt;
    private final ConstraintEvaluator evaluator = new ConstraintEvaluator();
    private final Map<String, Boolean> jobClassCache = new HashMap<>();
    /** Per node index: this job's live allocations there (existing + proposed), all groups. */
    private final int[] jobAllocsOnNode;
    /** Task group → per node index: the group's live allocations there (existing + proposed). */
    private final Map<String, int[]> groupAllocsOnNode = new HashMap<>();
    private final String[] nodeClasses;
    /** Per node index: 1 + the dense id of its computed class, or 0 before it is looked up. */
    private final int[] classOfNode;
    /** Computed class → dense id, in order of first sight. */
    private final Map<String, Integer> classIds = new HashMap<>();
    private final List<Allocation> existingJobAllocs;
    private int offset;
    private double spreadWeights;

    Pass(PlacementRequest request) {
      this.request = request;
      this.job = request.job();
      this.jobId = job.id() == null ? "" : job.id();
      this.priority = job.priority() == null ? 50 : job.priority();
      String pool = job.nodePool() == null ? "" : job.nodePool();
      List<String> dcs = job.datacentersOrEmpty().isEmpty() ? List.of("*") : job.datacentersOrEmpty();
      Candidates cands = candidates(pool, dcs);
      this.nodesAvailable = cands.perDc();
      int[] order = new int[cands.nodes().size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      long seed = SeededRandom.seed(request.evalId(), snapshot.latestIndex());
      SeededRandom.shuffle(order, new SplittableRandom(seed));
      Node[] shuffled = new Node[order.length];
      for (int i = 0; i < order.length; i++) {
        shuffled[i] = cands.nodes().get(order[i]);
      }
      this.nodes = shuffled;
      this.nodeCount = shuffled.length;
      this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
      this.idSalt = SeededRandom.idSalt(request.evalId(), snapshot.latestIndex());
      this.usage = new NodeUsage[nodes.length];
      this.nodeClasses = new String[nodes.length];
      this.jobAllocsOnNode = new int[nodes.length];
      this.classOfNode = new int[nodes.length];
      String ns = job.namespace() == null ? "default" : job.namespace();
      List<Allocation> live = new ArrayList<>();
      Map<String, Integer> indexOf = null;
      for (Allocation a : snapshot.allocsByJob(ns, jobId)) {
        if (!a.terminal()) {
          live.add(a);
          if (indexOf == null) {
            indexOf = new HashMap<>(nodes.length * 2);
            for (int i = 0; i < nodes.length; i++) {
              indexOf.put(nodes[i].id(), i);
            }
          }
          Integer idx = indexOf.get(a.nodeID());
          if (idx != null) {
            jobAllocsOnNode[idx]++;
            groupAllocs(a.taskGroup())[idx]++;
          }
        }
      }
      this.existingJobAllocs = live;
    }

    /** The per node index allocation counts of task group {@code tg} (created empty on first use). */
    int[] groupAllocs(String tg) {
      return groupAllocsOnNode.computeIfAbsent(tg, k -> new int[nodes.length]);
    }

    PlacementResult run() {
      List<Placement> placements = new ArrayList<>();
      Map<String, PlacementFailure> failures = new LinkedHashMap<>();
      for (GroupRequest g : request.groups()) {
        TaskGroup tg = findGroup(g.taskGroup());
        if (tg == null) {
          throw new IllegalArgumentException("job \"" + jobId + "\" has no task group \"" + g.taskGroup() + "\"");
        }
        Group group = new Group(tg);
        MetricsCollector failed = null;
        int unplaced = 0;
        for (String name : g.names()) {
          if (failed != null) {
            failed.coalesceFailure();
            unplaced++;
            continue;
          }
          MetricsCollector metrics = newMetrics();
          group.allocName = name;
          Ranked best = group.select(metrics, false);
          if (best == null && config.preemptionEnabledFor(job.type() == null ? "service" : job.type())) {
            metrics = newMetrics();
            best = group.select(metrics, true);
          }
          if (best == null) {
            failed = metrics;
            unplaced++;
            continue;
          }
          placements.add(group.commit(best, name, metrics));
        }
        if (failed != null) {
          var metric = failed.toMetric();
          failures.put(tg.name(), new PlacementFailure(tg.name(), unplaced, metric, Explanations.summarize(metric)));
        }
      }
      return new PlacementResult(placements, failures);
    }

    private MetricsCollector newMetrics() {
      String pool = job.nodePool() == null || job.nodePool().isEmpty() ? "default" : job.nodePool();
      return new MetricsCollector(nodes.length, pool, nodesAvailable);
    }

    private @Nullable TaskGroup findGroup(String name) {
      for (TaskGroup tg : job.taskGroupsOrEmpty()) {
        if (name.equals(tg.name())) {
          return tg;
        }
      }
      return null;
    }

    /** The node class of the node at index {@code idx} ({@code ""} for none). */
    String nodeClass(int idx) {
      String c = nodeClasses[idx];
      if (c == null) {
        c = nodes[idx].nodeClass();
        nodeClasses[idx] = c;
      }
      return c;
    }

    /** The dense id of the computed class of the node at index {@code idx}. */
    int classOf(int idx) {
      int c = classOfNode[idx];
      if (c == 0) {
        Integer id = classIds.get(nodes[idx].computedClass());
        if (id == null) {
          id = classIds.size();
          classIds.put(nodes[idx].computedClass(), id);
        }
        c = id + 1;
        classOfNode[idx] = c;
      }
      return c - 1;
    }

    NodeUsage usageOf(int idx) {
      NodeUsage u = usage[idx];
      if (u == null) {
        Node n = nodes[idx];
        NodeAllocTotals totals = snapshot.liveAllocTotals(n.id());
        if (totals != null && totals.simple()) {
          // O(1): the snapshot keeps the sums; the allocations are listed only if preemption needs them
          u = NodeUsage.fromTotals(n, totals.count(), totals.cpu(), totals.memoryMB(), totals.diskMB(),
              () -> liveUsages(n));
        } else {
          u = new NodeUsage(n);
          for (AllocUsage a : liveUsages(n)) {
            u.add(a);
          }
        }
        usage[idx] = u;
      }
      return u;
    }

    /** The usage of each non-terminal allocation on {@code n}, in the snapshot's order. */
    private List<AllocUsage> liveUsages(Node n) {
      List<AllocUsage> out = new ArrayList<>();
      for (Allocation a : snapshot.allocsByNode(n.id())) {
        if (!a.terminal()) {
          out.add(AllocUsage.of(a, priorityOf(a)));
        }
      }
      return out;
    }

    private int priorityOf(Allocation a) {
      if (a.job() != null && a.job().priority() != null) {
        return a.job().priority();
      }
      return snapshot.jobById(a.namespace(), a.jobID()).map(j -> j.priority() == null ? 50 : j.priority()).orElse(50);
    }

    /** A score class key: a fit's bits, a spread key slot and the group's allocations on the node. */
    private record ScoreClassKey(long fitBits, int slot, int collisions) {}

    /** One scored candidate. */
    private record Ranked(int idx, double score, List<AllocUsage> victims) {}

    /** A distinct_property constraint's counts per property value. */
    private final class PropertySet {
      final String attribute;
      final int allowed;
      final Map<String, Integer> used = new HashMap<>();

      PropertySet(Constraint c, @Nullable String taskGroup) {
        this.attribute = c.lTarget();
        int allowedCount = 1;
        try {
          if (!c.rTarget().isEmpty()) {
            allowedCount = Integer.parseInt(c.rTarget());
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("distinct_property " + attribute + " has a non-numeric limit \"" + c.rTarget() + "\"", e);
        }
        this.allowed = allowedCount;
        for (Allocation a : existingJobAllocs) {
          if (taskGroup == null || taskGroup.equals(a.taskGroup())) {
            snapshot.nodeById(a.nodeID()).ifPresent(n -> {
              String v = TargetResolver.resolve(attribute, n);
              if (v != null) {
                used.merge(v, 1, Integer::sum);
              }
            });
          }
        }
      }
    }

    /** Per task group selection state. */
    private final class Group {
      final TaskGroup tg;
      final String tgName;
      final int count;
      final TaskGroupAsk ask;
      final TaskGroupChecker checker;
      final boolean distinctHostsJob;
      final boolean distinctHostsGroup;
      final List<PropertySet> propertySets = new ArrayList<>();
      final List<Affinity> affinities = new ArrayList<>();
      final SpreadScorer spread;
      /** The group's CSI volume checks (dynamic: per node, per allocation name, with this pass's claims). */
      final CsiVolumeChecker csi;
      /** The name of the allocation being placed, for per-alloc volumes. */
      String allocName = "";
      final int limit;
      /**
       * Whether the checker's answers are per computed class ({@link TaskGroupChecker#classDetermined}):
       * then {@link #classState} keeps them per class id and the checker runs once per class.
       */
      final boolean classChecks;
      /** Per class id: {@link #UNCHECKED}, {@link #FINAL_FEASIBLE} or {@link #FINAL_INFEASIBLE}. */
      byte[] classState = new byte[16];
      /** Whether spread attributes are per computed class ({@link SpreadScorer#classDetermined}). */
      final boolean spreadByClass;
      /**
       * Whether {@link #select} may take runs of nodes by their {@link #fastCode}: the scores are
       * {@link #plainScores} and the spread, if any, has one untargeted block, so the score of a
       * fitting node is a function of its fit, its spread key and the group's allocations on it
       * (its score class) while the spread counts stay the same ({@link SpreadScorer#version}).
       */
      final boolean fastSelect;
      /**
       * Per node index: 0 when the node must take {@link #nextRanked}; −1 when it is finally
       * infeasible (its reason is {@code checkReason}); otherwise 1 + its score class (final
       * feasibility, no CSI or distinct checks, fits). Reset by {@link #commit} for the node it
       * changes (its usage and allocation count change only there).
       */
      final int[] fastCode;
      /**
       * Score classes: (fit bits, spread key slot, group allocations) → id; per id its fit and
       * allocations, and its boost and score at a count version.
       */
      final Map<ScoreClassKey, Integer> scoreClassIds = new HashMap<>();
      /** The class {@link #scoreClass} returned last and its arguments (most lookups repeat it). */
      int lastClass = -1;
      long lastClassFitBits;
      int lastClassSlot;
      int lastClassCollisions;
      double[] scoreFit = new double[16];
      int[] scoreCollisions = new int[16];
      int[] scoreVersion = new int[16];
      double[] scoreBoost = new double[16];
      double[] scoreFin = new double[16];
      /** Whether the group has CSI volume checks ({@link #csi} is active). */
      final boolean csiActive;
      /** Whether distinct_hosts or distinct_property can reject a feasible node. */
      final boolean distinctChecks;
      /**
       * True when a node that fits is scored by bin-pack, job anti-affinity and spread alone: no
       * device requests, reschedule penalties or affinities (then {@link #nextRanked} scores such
       * nodes inline).
       */
      final boolean plainScores;
      /** Per node index: this group's live allocations there. */
      final int[] allocsOnNode;
      /**
       * Per node index, what the group's checker said: {@link #UNCHECKED}, {@link #CHECKED_ONCE}
       * (infeasible at the first look), {@link #FINAL_INFEASIBLE} (the reason is in
       * {@code checkReason}) or {@link #FINAL_FEASIBLE}. From the second look on the checker's
       * answer no longer changes (its class caches are filled by the first), so it is reused; a
       * feasible answer is final at once.
       */
      final byte[] checks;
      final String[] checkReason;
      /**
       * Per node index, the rank outcome on the node's current usage: {@link #UNRANKED},
       * {@link #FITS} (then {@code fitScore} holds the fit), or why the ask does not fit: a port or
       * device reason, or an exhausted dimension ({@code preemptable}). All are functions of the
       * node's usage and the group's ask, so they hold until the usage changes; only the group
       * being placed ranks nodes and every usage change is its {@link #commit}, which resets the
       * node's entry.
       */
      final String[] outcome;
      final boolean[] preemptable;
      final double[] fitScore;
      /** Per node index, with the same validity: the device affinity score (NaN when none applies); null without device requests. */
      final double @Nullable [] deviceScore;
      /** The group's device requests, task by task, and the matcher for their constraints. */
      final List<DeviceAllocator.TaskRequest> deviceRequests = new ArrayList<>();
      final DeviceConstraints deviceConstraints = new DeviceConstraints(evaluator);
      /** Per node index: the node affinity score (a function of the node alone), once computed. */
      final double[] affinityOf;
      final boolean[] affinityKnown;
      /** Selection state: nodes pulled so far, skipped low scorers and how many were taken back. */
      private int seen;
      private final List<Ranked> skipped = new ArrayList<>(MAX_SKIP);
      private int skipIdx;
      /** The node last ranked (or taken back from the skipped ones). */
      private int curIdx;
      private double curScore;
      private List<AllocUsage> curVictims = List.of();

      Group(TaskGroup tg) {
        this.tg = tg;
        this.tgName = tg.name();
        this.count = tg.count() == null ? 1 : tg.count();
        this.ask = TaskGroupAsk.of(tg);
        this.allocsOnNode = groupAllocs(tgName);
        this.checks = new byte[nodes.length];
        this.checkReason = new String[nodes.length];
        this.outcome = new String[nodes.length];
        java.util.Arrays.fill(outcome, UNRANKED);
        this.preemptable = new boolean[nodes.length];
        this.fitScore = new double[nodes.length];
        for (Task t : tg.tasksOrEmpty()) {
          if (t.resources() != null) {
            for (RequestedDevice d : t.resources().devicesOrEmpty()) {
              deviceRequests.add(new DeviceAllocator.TaskRequest(t.name(), d));
            }
          }
        }
        this.deviceScore = deviceRequests.isEmpty() ? null : new double[nodes.length];
        this.affinityOf = new double[nodes.length];
        this.affinityKnown = new boolean[nodes.length];
        this.checker = new TaskGroupChecker(job, tg, evaluator, jobClassCache, new HashMap<>());
        this.distinctHostsJob = job.constraintsOrEmpty().stream().anyMatch(Group::isDistinctHosts);
        this.distinctHostsGroup = tg.constraintsOrEmpty().stream().anyMatch(Group::isDistinctHosts);
        for (Constraint c : job.constraintsOrEmpty()) {
          if (c.operand().equals("distinct_property")) {
            propertySets.add(new PropertySet(c, null));
          }
        }
        for (Constraint c : tg.constraintsOrEmpty()) {
          if (c.operand().equals("distinct_property")) {
            propertySets.add(new PropertySet(c, tgName));
          }
        }
        affinities.addAll(job.affinitiesOrEmpty());
        affinities.addAll(tg.affinitiesOrEmpty());
        for (Task t : tg.tasksOrEmpty()) {
          affinities.addAll(t.affinitiesOrEmpty());
        }
        List<Spread> spreads = new ArrayList<>(job.spreadsOrEmpty());
        spreads.addAll(tg.spreadsOrEmpty());
        this.spread = new SpreadScorer(spreads, count, spreadWeights);
        this.csi = new CsiVolumeChecker(snapshot, job.namespace() == null || job.namespace().isEmpty()
            ? "default" : job.namespace(), tg);
        spreadWeights = spread.sumWeights();
        if (spread.active()) {
          for (Allocation a : existingJobAllocs) {
            if (tgName.equals(a.taskGroup())) {
              snapshot.nodeById(a.nodeID()).ifPresent(n -> spread.count(n, 1));
            }
          }
        }
        int lim = 2;
        if (!"batch".equals(job.type())) {
          lim = Math.max(2, ceilLog2(nodes.length));
        }
        if (!affinities.isEmpty() || spread.active()) {
          lim = Math.max(count, FEASIBILITY_NODE_LIMIT);
        }
        if (options.candidateLimit() == PlacementOptions.CandidateLimit.FULL_SCAN) {
          lim = Integer.MAX_VALUE; // every node is pulled: the source ends the selection
        }
        this.limit = lim;
        this.classChecks = shortcuts && checker.classDetermined();
        this.spreadByClass = shortcuts && spread.active() && spread.classDetermined();
        this.plainScores = shortcuts && deviceScore == null && request.penaltyNodeIds().isEmpty()
            && affinities.isEmpty();
        this.fastSelect = plainScores && (!spread.active() || spread.singleEven());
        this.fastCode = new int[fastSelect ? nodes.length : 0];
        this.csiActive = csi.active();
        this.distinctChecks = distinctHostsJob || distinctHostsGroup || !propertySets.isEmpty();
      }

      private static boolean isDistinctHosts(Constraint c) {
        if (!c.operand().equals("distinct_hosts")) {
          return false;
        }
        String r = c.rTarget();
        return r.isEmpty() || !r.equalsIgnoreCase("false") && !r.equals("0") && !r.equalsIgnoreCase("f");
      }

      /**
       * The limit iterator and max selection over the ranked nodes. The node being looked at is
       * kept in {@link #curIdx}/{@link #curScore}/{@link #curVictims} rather than in an object per
       * node, since a spread or affinity can have a placement score thousands of nodes.
       */
      @Nullable Ranked select(MetricsCollector metrics, boolean preempt) {
        seen = 0;
        skipped.clear();
        skipIdx = 0;
        int returned = 0;
        int bestIdx = -1;
        double bestScore = 0;
        List<AllocUsage> bestVictims = List.of();
        while (returned < limit) {
          if (fastSelect) {
            // Nodes known by their fast code, as the loop below would take them one iteration
            // each (a positive score skips nothing); any other node, or a non-positive score
            // while fewer than MAX_SKIP are skipped, ends the run and goes below.
            final int n = nodeCount;
            final int[] code = fastCode;
            final int version = spread.version() + 1;
            final String[] reasons = checkReason;
            // Once MAX_SKIP nodes are skipped, the loop below takes a non-positive score as it
            // takes a positive one (its skip loop no longer runs), so such nodes stay in the run.
            final boolean skipsFull = skipped.size() >= MAX_SKIP;
            int off = offset;
            int pulled = 0;
            int left = n - seen;
            // A run of filtered nodes of one class and reason is counted at once.
            String runClass = null;
            String runReason = null;
            int run = 0;
            while (returned < limit && pulled < left) {
              int c = code[off];
              if (c < 0) {
                String cls = nodeClass(off);
                String reason = reasons[off];
                if (cls != runClass || reason != runReason) {
                  if (run > 0) {
                    metrics.filterNodes(runClass, runReason, run);
                  }
                  runClass = cls;
                  runReason = reason;
                  run = 0;
                }
                run++;
              } else if (c > 0) {
                int sc = c - 1;
                if (scoreVersion[sc] != version) {
                  refreshScoreClass(sc, off, version);
                }
                double fin = scoreFin[sc];
                if (!(fin > 0.0) && !skipsFull) {
                  break;
                }
                if (metrics.retains(fin)) {
                  recordPlain(off, metrics, scoreFit[sc], scoreCollisions[sc], scoreBoost[sc], fin);
                }
                returned++;
                if (bestIdx < 0 || fin > bestScore) {
                  bestIdx = off;
                  bestScore = fin;
                  bestVictims = List.of();
                }
              } else {
                break;
              }
              off = off + 1 == n ? 0 : off + 1;
              pulled++;
            }
            if (run > 0) {
              metrics.filterNodes(runClass, runReason, run);
            }
            seen += pulled;
            offset = off;
            metrics.evaluateNodes(pulled);
            if (returned >= limit) {
              break;
            }
          }
          if (!nextOption(metrics, preempt)) {
            break;
          }
          boolean have = true;
          while (have && curScore <= 0.0 && skipped.size() < MAX_SKIP) {
            skipped.add(new Ranked(curIdx, curScore, curVictims));
            have = nextRanked(metrics, preempt);
          }
          returned++;
          if (!have && !nextOption(metrics, preempt)) {
            break;
          }
          if (bestIdx < 0 || curScore > bestScore) {
            bestIdx = curIdx;
            bestScore = curScore;
            bestVictims = curVictims;
          }
        }
        return bestIdx < 0 ? null : new Ranked(bestIdx, bestScore, bestVictims);
      }

      /** The next ranked node, or else the next skipped one; false when both are used up. */
      private boolean nextOption(MetricsCollector metrics, boolean preempt) {
        if (nextRanked(metrics, preempt)) {
          return true;
        }
        if (skipIdx < skipped.size()) {
          Ranked r = skipped.get(skipIdx++);
          curIdx = r.idx();
          curScore = r.score();
          curVictims = r.victims();
          return true;
        }
        return false;
      }

      /**
       * Pulls nodes from the shuffled source until one ranks (then {@code cur*} hold it); false when
       * every node was seen. A node whose feasibility is final and positive, that no distinct or
       * CSI check can reject, and that fits with only the bin-pack, job anti-affinity and spread
       * scores applying ({@link #plainScores}) is scored right here from per-node arrays; every
       * other node takes the general path ({@link #filtered}, {@link #rank}), which computes the
       * same score with the same arithmetic in the same order.
       */
      private boolean nextRanked(MetricsCollector metrics, boolean preempt) {
        final int n = nodeCount;
        final byte[] checks = this.checks;
        final String[] outcome = this.outcome;
        final double[] fitScore = this.fitScore;
        final int[] allocsOnNode = this.allocsOnNode;
        final Node[] nodes = Pass.this.nodes;
        final boolean quickFilter = !csiActive && !distinctChecks;
        final boolean plain = plainScores;
        final SpreadScorer spread = this.spread;
        final boolean spreading = spread.active();
        int off = offset;
        int pulled = 0;
        try {
          while (seen < n) {
            int idx = off;
            off = off + 1 == n ? 0 : off + 1;
            seen++;
            pulled++;
            if (!(quickFilter && checks[idx] == FINAL_FEASIBLE)) {
              offset = off;
              if (filtered(idx, metrics)) {
                continue;
              }
            }
            if (plain && outcome[idx] == FITS) {
              double fit = fitScore[idx];
              int collisions = allocsOnNode[idx];
              double sum = fit;
              int k = 1;
              if (collisions > 0) {
                sum += ScoreFunctions.jobAntiAffinity(collisions, count);
                k++;
              }
              double spreadBoost = 0.0;
              if (spreading) {
                spreadBoost = spread.boost(idx, nodes[idx]);
                if (spreadBoost != 0.0) {
                  sum += spreadBoost;
                  k++;
                }
              }
              double fin = sum / k;
              if (fastSelect && quickFilter) {
                fastCode[idx] = scoreClass(fit, spreading ? spread.singleKey(idx, nodes[idx]) + 1 : 0, collisions) + 1;
              }
              if (metrics.retains(fin)) {
                recordPlain(idx, metrics, fit, collisions, spreadBoost, fin);
              }
              curIdx = idx;
              curScore = fin;
              curVictims = List.of();
              return true;
            }
            offset = off;
            if (rank(idx, nodes[idx], metrics, preempt)) {
              return true;
            }
          }
          return false;
        } finally {
          offset = off;
          metrics.evaluateNodes(pulled);
        }
      }

      /**
       * The id of the score class of fitting nodes with fit {@code fit}, spread slot {@code slot}
       * and {@code collisions} allocations of the group.
       */
      private int scoreClass(double fit, int slot, int collisions) {
        long fitBits = Double.doubleToRawLongBits(fit);
        if (lastClass >= 0 && fitBits == lastClassFitBits && slot == lastClassSlot && collisions == lastClassCollisions) {
          return lastClass;
        }
        ScoreClassKey key = new ScoreClassKey(fitBits, slot, collisions);
        Integer id = scoreClassIds.get(key);
        lastClassFitBits = fitBits;
        lastClassSlot = slot;
        lastClassCollisions = collisions;
        if (id != null) {
          lastClass = id;
          return id;
        }
        int next = scoreClassIds.size();
        scoreClassIds.put(key, next);
        if (next == scoreFit.length) {
          int size = next * 2;
          scoreFit = Arrays.copyOf(scoreFit, size);
          scoreCollisions = Arrays.copyOf(scoreCollisions, size);
          scoreVersion = Arrays.copyOf(scoreVersion, size);
          scoreBoost = Arrays.copyOf(scoreBoost, size);
          scoreFin = Arrays.copyOf(scoreFin, size);
        }
        scoreFit[next] = fit;
        scoreCollisions[next] = collisions;
        scoreVersion[next] = 0;
        lastClass = next;
        return next;
      }

      /**
       * Recomputes score class {@code sc} from its member at {@code idx} for the current spread
       * counts: the spread boost and the score as {@link #nextRanked} computes them.
       */
      private void refreshScoreClass(int sc, int idx, int version) {
        double fit = scoreFit[sc];
        int collisions = scoreCollisions[sc];
        double sum = fit;
        int k = 1;
        if (collisions > 0) {
          sum += ScoreFunctions.jobAntiAffinity(collisions, count);
          k++;
        }
        double spreadBoost = spread.active() ? spread.boost(idx, nodes[idx]) : 0.0;
        if (spreadBoost != 0.0) {
          sum += spreadBoost;
          k++;
        }
        scoreBoost[sc] = spreadBoost;
        scoreFin[sc] = sum / k;
        scoreVersion[sc] = version;
      }

      /** Records a {@link #plainScores} node's per-scorer scores in the metrics' top 5. */
      private void recordPlain(int idx, MetricsCollector metrics, double fit, int collisions, double spreadBoost,
          double fin) {
        double anti = collisions > 0 ? ScoreFunctions.jobAntiAffinity(collisions, count) : Double.NaN;
        double s = spreadBoost != 0.0 ? spreadBoost : Double.NaN;
        metrics.scoreNode(nodes[idx], () -> scoreMap(fit, Double.NaN, anti, Double.NaN, Double.NaN, s, Double.NaN), fin);
      }

      /** Feasibility, CSI and distinct checks of the node at {@code idx}; true (and counted) when one rejects it. */
      private boolean filtered(int idx, MetricsCollector metrics) {
        Node node = nodes[idx];
        String reason;
        byte state = checks[idx];
        if (state == FINAL_FEASIBLE) {
          reason = null;
        } else if (state == FINAL_INFEASIBLE) {
          reason = checkReason[idx];
          if (fastSelect) {
            fastCode[idx] = -1;
          }
        } else {
          reason = classChecks ? classCheck(idx, node) : checker.check(node);
          checkReason[idx] = reason;
          checks[idx] = reason == null ? FINAL_FEASIBLE : state == UNCHECKED ? CHECKED_ONCE : FINAL_INFEASIBLE;
          if (fastSelect && checks[idx] == FINAL_INFEASIBLE) {
            fastCode[idx] = -1;
          }
          if (reason == null && spreadByClass && !node.computedClass().isEmpty()) {
            spread.primeFromClass(idx, node, classOf(idx));
          }
        }
        if (reason == null && csiActive) {
          reason = csi.reason(node, allocName);
        }
        if (reason == null) {
          reason = distinctReason(idx, node);
        }
        if (reason != null) {
          metrics.filterNode(nodeClass(idx), reason);
          return true;
        }
        return false;
      }

      /**
       * What {@link TaskGroupChecker#check} says for the node at {@code idx}, asking the checker
       * only for the first node of each class: afterwards it would answer from its class caches
       * ({@link TaskGroupChecker#CLASS_INELIGIBLE} or feasible) without looking at the node.
       */
      private @Nullable String classCheck(int idx, Node node) {
        int cls = classOf(idx);
        if (cls >= classState.length) {
          classState = Arrays.copyOf(classState, Math.max(cls + 1, classState.length * 2));
        }
        byte st = classState[cls];
        if (st == FINAL_FEASIBLE) {
          return null;
        }
        if (st == FINAL_INFEASIBLE) {
          return TaskGroupChecker.CLASS_INELIGIBLE;
        }
        String reason = checker.check(node);
        classState[cls] = reason == null ? FINAL_FEASIBLE : FINAL_INFEASIBLE;
        return reason;
      }

      private @Nullable String distinctReason(int idx, Node node) {
        if (distinctHostsJob && jobAllocsOnNode[idx] > 0) {
          return "distinct_hosts";
        }
        if (distinctHostsGroup && allocsOnNode[idx] > 0) {
          return "distinct_hosts";
        }
        for (PropertySet p : propertySets) {
          String v = TargetResolver.resolve(p.attribute, node);
          if (v == null) {
            return "missing property \"" + p.attribute + "\"";
          }
          int used = p.used.getOrDefault(v, 0);
          if (used >= p.allowed) {
            return "distinct_property: " + p.attribute + "=" + v + " used by " + used + " allocs";
          }
        }
        return null;
      }

      /** Scores the node into {@code cur*}; false when it is exhausted (counted in the metrics). */
      private boolean rank(int idx, Node node, MetricsCollector metrics, boolean preempt) {
        String out = outcome[idx];
        if (out == UNRANKED) {
          NodeUsage u = usageOf(idx);
          String blocked = blockReason(u);
          double devices = Double.NaN;
          if (blocked == null && !deviceRequests.isEmpty()) {
            DeviceAllocator.Result offer = DeviceAllocator.allocate(u, deviceRequests, deviceConstraints);
            if (offer == null) {
              blocked = DEVICES_UNAVAILABLE;
            } else {
              devices = offer.affinityScore();
            }
          }
          String dim = blocked == null ? u.exhaustedDimension(askOn(u)) : null;
          if (blocked != null) {
            out = blocked;
            // taken static ports and device instances can be freed by preemption; dynamic ports cannot
            preemptable[idx] = !DYNAMIC_PORTS_EXHAUSTED.equals(blocked);
          } else if (dim != null) {
            out = dim;
            preemptable[idx] = true;
          } else {
            out = FITS;
            fitScore[idx] = fit(u, 0, 0);
          }
          if (deviceScore != null) {
            deviceScore[idx] = devices;
          }
          outcome[idx] = out;
        }
        List<AllocUsage> victims = List.of();
        double preemptedDeviceScore = Double.NaN;
        double fit;
        if (out == FITS) {
          fit = fitScore[idx];
        } else {
          if (!preemptable[idx]) {
            metrics.exhaustNode(nodeClass(idx), out);
            return false;
          }
          NodeUsage u = usageOf(idx);
          NodePreemption.Choice chosen = preempt
              ? NodePreemption.choose(u, askOn(u), deviceRequests, deviceConstraints, jobId, priority) : null;
          if (chosen == null) {
            metrics.exhaustNode(nodeClass(idx), out);
            return false;
          }
          victims = chosen.victims();
          if (DEVICES_UNAVAILABLE.equals(out) && chosen.devices() != null) {
            preemptedDeviceScore = chosen.devices().affinityScore();
          }
          long freedCpu = 0;
          long freedMem = 0;
          for (AllocUsage v : victims) {
            freedCpu += v.cpu();
            freedMem += v.memoryMB();
          }
          fit = fit(u, freedCpu, freedMem);
        }
        double sum = fit;
        int n = 1;
        double devices = deviceScore == null ? Double.NaN
            : DEVICES_UNAVAILABLE.equals(out) ? preemptedDeviceScore : deviceScore[idx];
        if (!Double.isNaN(devices)) {
          sum += devices;
          n++;
        }
        int collisions = allocsOnNode[idx];
        double anti = Double.NaN;
        if (collisions > 0) {
          anti = ScoreFunctions.jobAntiAffinity(collisions, count);
          sum += anti;
          n++;
        }
        double penalty = Double.NaN;
        if (!request.penaltyNodeIds().isEmpty() && request.penaltyNodeIds().contains(node.id())) {
          penalty = -1.0;
          sum += penalty;
          n++;
        }
        double affinity = Double.NaN;
        if (!affinities.isEmpty()) {
          if (!affinityKnown[idx]) {
            affinityOf[idx] = ScoreFunctions.nodeAffinity(affinities, node, evaluator);
            affinityKnown[idx] = true;
          }
          affinity = affinityOf[idx];
          sum += affinity;
          n++;
        }
        double spreadBoost = Double.NaN;
        if (spread.active()) {
          double s = spread.boost(idx, node);
          if (s != 0.0) {
            spreadBoost = s;
            sum += s;
            n++;
          }
        }
        double preemption = Double.NaN;
        if (!victims.isEmpty()) {
          List<Integer> prios = new ArrayList<>();
          for (AllocUsage v : victims) {
            prios.add(v.jobPriority());
          }
          preemption = ScoreFunctions.preemption(prios);
          sum += preemption;
          n++;
        }
        double fin = sum / n;
        if (metrics.retains(fin)) {
          double f = fit;
          double d = devices;
          double a = anti;
          double p = penalty;
          double af = affinity;
          double sb = spreadBoost;
          double pr = preemption;
          metrics.scoreNode(node, () -> scoreMap(f, d, a, p, af, sb, pr), fin);
        }
        curIdx = idx;
        curScore = fin;
        curVictims = victims;
        return true;
      }

      /** Why the node's ports or devices cannot take the ask (never preemptable), or null. */
      private @Nullable String blockReason(NodeUsage u) {
        if (u.staticPortCollision(ask)) {
          return "network: reserved port collision";
        }
        if (!u.dynamicPortsAvailable(ask)) {
          return DYNAMIC_PORTS_EXHAUSTED;
        }
        return null;
      }

      /** The binpack (or spread-algorithm) fit of the ask on the node after freeing the given amounts. */
      private double fit(NodeUsage u, long freedCpu, long freedMem) {
        long cpu = u.usedCpu() - freedCpu + askOn(u).cpu();
        long mem = u.usedMemory() - freedMem + ask.memoryMB();
        long availCpu = u.availableCpu();
        long availMem = u.availableMemory();
        if (shortcuts && fitMemoValid && cpu == memoCpu && mem == memoMem && availCpu == memoAvailCpu && availMem == memoAvailMem) {
          return memoFit;
        }
        double f = config.spreadAlgorithm()
            ? ScoreFunctions.spreadFit(cpu, availCpu, mem, availMem)
            : ScoreFunctions.binPack(cpu, availCpu, mem, availMem);
        memoCpu = cpu;
        memoMem = mem;
        memoAvailCpu = availCpu;
        memoAvailMem = availMem;
        memoFit = f;
        fitMemoValid = true;
        return f;
      }

      /**
       * The last fit computed and its arguments: nodes of one shape with the same usage (most
       * nodes of a large cluster, before they take allocations) have the same fit, so the two
       * powers of ten behind it are computed once for all of them.
       */
      private boolean fitMemoValid;
      private long memoCpu;
      private long memoMem;
      private long memoAvailCpu;
      private long memoAvailMem;
      private double memoFit;

      /** The ask on the node: with reserved cores, its CPU includes their bandwidth there. */
      private TaskGroupAsk askOn(NodeUsage u) {
        return ask.cores() == 0 ? ask : ask.onNode(u.mhzPerCore());
      }

      Placement commit(Ranked best, String name, MetricsCollector metrics) {
        Node node = nodes[best.idx];
        NodeUsage u = usageOf(best.idx);
        List<String> preempted = new ArrayList<>();
        outcome[best.idx] = UNRANKED;
        if (fastSelect) {
          fastCode[best.idx] = 0;
        }
        for (AllocUsage v : best.victims) {
          u.remove(v.allocId());
          preempted.add(v.allocId());
          if (v.jobId().equals(jobId)) {
            jobAllocsOnNode[best.idx]--;
            groupAllocs(v.taskGroup())[best.idx]--;
          }
        }
        int[] dyn = u.pickDynamicPorts(ask, rng);
        List<AllocatedPortMapping> ports = new ArrayList<>();
        List<Integer> portValues = new ArrayList<>();
        String ip = hostIp(node);
        for (Port p : ask.staticPorts()) {
          ports.add(new AllocatedPortMapping(p.label(), p.value(), p.to(), ip));
          portValues.add(p.value());
        }
        for (int i = 0; i < dyn.length; i++) {
          Port p = ask.dynamicPorts().get(i);
          ports.add(new AllocatedPortMapping(p.label(), dyn[i], p.to() == -1 ? dyn[i] : p.to(), ip));
          portValues.add(dyn[i]);
        }
        Map<String, List<AllocatedDeviceResource>> taskDevices = new HashMap<>();
        Map<String, List<String>> heldDevices = new LinkedHashMap<>();
        if (!deviceRequests.isEmpty()) {
          DeviceAllocator.Result offer = DeviceAllocator.allocate(u, deviceRequests, deviceConstraints);
          if (offer == null) {
            throw new IllegalStateException("devices on node " + node.id() + " vanished between ranking and commit");
          }
          for (DeviceAllocator.Offer o : offer.offers()) {
            NodeDeviceResource g = o.group();
            taskDevices.computeIfAbsent(o.task(), k -> new ArrayList<>())
                .add(new AllocatedDeviceResource(g.vendor(), g.type(), g.name(), o.instanceIds()));
            heldDevices.computeIfAbsent(g.id(), k -> new ArrayList<>()).addAll(o.instanceIds());
          }
        }
        TaskGroupAsk onNode = askOn(u);
        int[] cores = u.pickCores(ask.cores());
        int nextCore = 0;
        Map<String, AllocatedTaskResources> tasks = new LinkedHashMap<>();
        for (Task t : tg.tasksOrEmpty()) {
          Resources r = t.resources();
          long tcpu = r == null || r.cpu() == null ? TaskGroupAsk.DEFAULT_CPU : r.cpu();
          long tmem = r == null || r.memoryMB() == null ? TaskGroupAsk.DEFAULT_MEMORY : r.memoryMB();
          long tmax = r == null || r.memoryMaxMB() == null || !config.memoryOversubscriptionEnabled() ? 0 : r.memoryMaxMB();
          int tcores = r == null || r.cores() == null ? 0 : r.cores();
          List<Integer> reserved = null;
          if (tcores > 0) {
            // The task's CPU becomes its cores' bandwidth; its cores are the next free ones.
            reserved = new ArrayList<>(tcores);
            for (int i = 0; i < tcores; i++) {
              reserved.add(cores[nextCore++]);
            }
            tcpu = tcores * u.mhzPerCore();
          }
          tasks.put(t.name(), new AllocatedTaskResources(new AllocatedCpuResources(tcpu, reserved),
              new AllocatedMemoryResources(tmem, tmax), null, taskDevices.get(t.name())));
        }
        AllocatedResources resources = new AllocatedResources(tasks, null,
            new AllocatedSharedResources(null, ask.diskMB(), ports.isEmpty() ? null : ports));
        String allocId = SeededRandom.uuid(rng, idSalt);
        u.add(new AllocUsage(allocId, jobId, tgName, priority, onNode.cpu(), ask.memoryMB(), ask.diskMB(),
            java.util.Arrays.stream(cores).boxed().toList(), portValues.stream().mapToInt(Integer::intValue).toArray(), heldDevices));
        jobAllocsOnNode[best.idx]++;
        allocsOnNode[best.idx]++;
        for (PropertySet p : propertySets) {
          String v = TargetResolver.resolve(p.attribute, node);
          if (v != null) {
            p.used.merge(v, 1, Integer::sum);
          }
        }
        if (spread.active()) {
          spread.count(best.idx, node, 1);
        }
        if (csi.active()) {
          csi.claim(node, name);
        }
        return new Placement(allocId, name, tgName, node, best.score, resources, metrics.toMetric(),
            ImmutableList.copyOf(preempted));
      }
    }
  }

  /** Per-scorer scores under Nomad's metric names; NaN means the scorer did not apply. */
  private static Map<String, Double> scoreMap(double fit, double devices, double anti, double penalty, double affinity,
      double spread, double preemption) {
    ImmutableMap.Builder<String, Double> b = ImmutableMap.builder();
    b.put("binpack", fit);
    if (!Double.isNaN(devices)) {
      b.put("devices", devices);
    }
    if (!Double.isNaN(anti)) {
      b.put("job-anti-affinity", anti);
    }
    if (!Double.isNaN(penalty)) {
      b.put("node-reschedule-penalty", penalty);
    }
    if (!Double.isNaN(affinity)) {
      b.put("node-affinity", affinity);
    }
    if (!Double.isNaN(spread)) {
      b.put("allocation-spread", spread);
    }
    if (!Double.isNaN(preemption)) {
      b.put("preemption", preemption);
    }
    return b.buildOrThrow();
  }

  private static String hostIp(Node node) {
    if (node.nodeResources() != null && !node.nodeResources().networksOrEmpty().isEmpty()) {
      return node.nodeResources().networksOrEmpty().get(0).ip();
    }
    return "";
  }

  /** Go-glob datacenter matching: {@code *} matches any run of characters (shared with the schedulers). */
  public static boolean inAnyDc(String dc, List<String> patterns) {
    for (String p : patterns) {
      if (glob(p, dc)) {
        return true;
      }
    }
    return false;
  }

  static boolean glob(String pattern, String s) {
    if (!pattern.contains("*")) {
      return pattern.equals(s);
    }
    String[] parts = pattern.split("\\*", -1);
    int pos = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == 0) {
        if (!s.startsWith(part)) {
          return false;
        }
        pos = part.length();
      } else if (i == parts.length - 1) {
        return s.length() - part.length() >= pos && s.endsWith(part);
      } else {
        int at = s.indexOf(part, pos);
        if (at < 0) {
          return false;
        }
        pos = at + part.length();
      }
    }
    return true;
  }
}
