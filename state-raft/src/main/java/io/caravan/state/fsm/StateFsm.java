package io.caravan.state.fsm;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.ReplicatedFsm;
import io.caravan.state.store.Allocations;
import io.caravan.state.store.NodePool;
import io.caravan.state.store.PeriodicLaunch;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import io.caravan.state.store.Txn;
import io.caravan.state.store.UnknownObjectException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The Caravan FSM: decodes {@link Command}s and applies each as one {@link StateStore} transaction at
 * its Raft index; snapshots write every table as a stream of typed Smile records.
 * The reply to a command is the 8-byte Raft index it was applied at.
 */
public final class StateFsm implements ReplicatedFsm {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateFsm.class);
  private static final int MAGIC = 0x43525653; // "CRVS"
  private static final int SNAPSHOT_VERSION = 1;
  private static final byte T_TABLE_INDEX = 0;
  private static final byte T_JOB = 1;
  private static final byte T_NODE = 2;
  private static final byte T_ALLOC = 3;
  private static final byte T_EVAL = 4;
  private static final byte T_DEPLOYMENT = 5;
  private static final byte T_SCHEDULER_CONFIG = 6;
  private static final byte T_NODE_POOL = 7;
  private static final byte T_PERIODIC_LAUNCH = 8;
  private static final byte T_ALLOC_SHARING_JOB = 9;
  private static final byte T_END = -1;

  /** Query code: the latest applied index (8 bytes). */
  public static final byte QUERY_LATEST_INDEX = 0;

  private final StateStore store;
  private volatile AppliedListener listener = AppliedListener.NONE;
  /** Commands applied by the entry being applied ({@link #applyEntry}), told to the listener once it is published. */
  private List<Command> entryCommands;

  public StateFsm(StateStore store) {
    this.store = store;
  }

  /**
   * Sets the listener told about every command after it was applied (replaces the previous one). It
   * runs on the applying thread, so it must be quick (the server uses it to feed the eval broker).
   */
  public void setAppliedListener(AppliedListener listener) {
    this.listener = listener == null ? AppliedListener.NONE : listener;
  }

  public StateStore store() {
    return store;
  }

  @Override
  public byte[] apply(long index, byte[] bytes) {
    return apply(0, index, bytes);
  }

  /**
   * Applies a command from a log entry of {@code term}; a {@link Command.LeaderTerm} write of an earlier
   * term is rejected (its leader was deposed before the entry was appended).
   */
  @Override
  public byte[] apply(long term, long index, byte[] bytes) {
    Command decoded;
    try {
      decoded = CommandCodec.decode(bytes);
    } catch (CommandCodecException e) {
      throw new FsmCommandException(e.getMessage());
    }
    if (decoded instanceof Command.LeaderTerm fenced) {
      if (fenced.term() < term) {
        throw new FsmCommandException("stale leader: a " + fenced.command().getClass().getSimpleName()
            + " made by the leader of term " + fenced.term() + " reached the log in term " + term + "; rejected");
      }
      decoded = fenced.command();
    }
    Command command = decoded;
    if (command instanceof Command.RestoreState r) {
      try {
        restore(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.gzippedSnapshot())), index);
      } catch (IOException e) {
        throw new FsmCommandException("cannot restore the snapshot: " + e.getMessage());
      }
    } else {
      try {
        store.write(index, tx -> {
          apply(tx, command);
          return null;
        });
      } catch (UnknownObjectException e) {
        throw new FsmCommandException(e.getMessage());
      }
    }
    if (entryCommands != null) {
      entryCommands.add(command);
    } else {
      tell(index, command, store.snapshot());
    }
    return ByteBuffer.allocate(8).putLong(index).array();
  }

  /** Publishes the entry's commands as one state, then tells the listener about each, in order. */
  @Override
  public void applyEntry(long index, Runnable body) {
    List<Command> applied = new java.util.ArrayList<>();
    entryCommands = applied;
    try {
      store.writeEntry(body);
    } finally {
      entryCommands = null;
    }
    StateSnapshot after = store.snapshot();
    for (Command command : applied) {
      tell(index, command, after);
    }
  }

  private void tell(long index, Command command, StateSnapshot after) {
    try {
      listener.applied(index, command, after);
    } catch (RuntimeException e) {
      // the command is applied on every replica either way; a failing listener must not fail the FSM
      LOG.error("listener failed after applying {} at index {}", command.getClass().getSimpleName(), index, e);
    }
  }

  private static void apply(Txn tx, Command command) {
    if (command instanceof Command.RegisterJob c) {
      Job stored = tx.upsertJob(c.job());
      if (stored.periodic() != null && stored.submitTime() != null
          && tx.periodicLaunch(stored.namespace(), stored.id()) == null) {
        // as Nomad: a new periodic job's registration counts as its first launch (a new leader catches up from it)
        tx.upsertPeriodicLaunch(stored.namespace(), stored.id(), stored.submitTime());
      }
      if (c.eval() != null) {
        tx.upsertEvals(List.of(c.eval().toBuilder().jobModifyIndex(stored.jobModifyIndex()).build()));
      }
    } else if (command instanceof Command.DeregisterJob c) {
      if (c.purge()) {
        tx.deleteJob(c.namespace(), c.jobId());
      } else {
        Job existing = tx.jobById(c.namespace(), c.jobId());
        if (existing != null) {
          tx.upsertJob(existing.toBuilder().stop(true).build());
        }
      }
      if (c.eval() != null) {
        tx.upsertEvals(List.of(c.eval()));
      }
    } else if (command instanceof Command.UpsertNode c) {
      tx.upsertNode(c.node());
    } else if (command instanceof Command.UpdateNodeStatus c) {
      tx.updateNode(c.nodeId(), n -> n.status(c.status()));
      tx.upsertEvals(c.evals());
    } else if (command instanceof Command.UpdateNodeEligibility c) {
      tx.updateNode(c.nodeId(), n -> n.schedulingEligibility(c.eligibility()));
    } else if (command instanceof Command.UpdateNodeDrain c) {
      tx.updateNode(c.nodeId(), n -> {
        n.drain(c.drainStrategy() != null).drainStrategy(c.drainStrategy());
        if (c.drainStrategy() != null) {
          n.schedulingEligibility("ineligible");
        } else if (c.markEligible()) {
          n.schedulingEligibility("eligible");
        }
        return n;
      });
    } else if (command instanceof Command.UpsertEvals c) {
      tx.upsertEvals(c.evals());
    } else if (command instanceof Command.DeleteEvals c) {
      tx.deleteEvals(c.evalIds());
      tx.deleteAllocs(c.allocIds());
    } else if (command instanceof Command.ApplyPlanResult c) {
      // the deployment first, so the allocations placed with it count in it
      if (c.deployment() != null) {
        tx.upsertPlannedDeployment(c.deployment());
      }
      tx.upsertAllocs(c.allocs(), StateFsm::keepClientState);
      tx.upsertEvals(c.evals());
    } else if (command instanceof Command.ClientAllocUpdates c) {
      for (Allocation update : c.allocs()) {
        tx.updateAlloc(update.id(), a -> {
          a.clientStatus(update.clientStatus())
              .clientDescription(update.clientDescription())
              .taskStates(update.taskStates())
              .deploymentStatus(update.deploymentStatus());
          return update.modifyTime() > 0 ? a.modifyTime(update.modifyTime()) : a;
        });
      }
      tx.upsertEvals(c.evals());
    } else if (command instanceof Command.DeploymentStatus c) {
      Deployment d = tx.updateDeployment(c.deploymentId(), b -> {
        b.status(c.status()).statusDescription(c.description());
        return c.timeNanos() > 0 ? b.modifyTime(c.timeNanos()) : b;
      });
      if (DeploymentStatuses.SUCCESSFUL.equals(c.status())) {
        // a version that deployed successfully is what auto-revert goes back to
        tx.setJobStability(d.namespace(), d.jobID(), d.jobVersion(), true);
      }
    } else if (command instanceof Command.DeleteDeployments c) {
      tx.deleteDeployments(c.deploymentIds());
    } else if (command instanceof Command.PromoteDeployment c) {
      tx.promoteDeployment(c.deploymentId(), c.groups());
    } else if (command instanceof Command.AllocDesiredTransitions c) {
      c.transitions().forEach((allocId, t) -> {
        Allocation existing = tx.allocById(allocId);
        if (existing != null) {
          tx.updateAlloc(allocId, a -> a.desiredTransition(merge(existing.desiredTransition(), t)));
        }
      });
    } else if (command instanceof Command.UpsertDeployment c) {
      tx.upsertDeployment(c.deployment());
    } else if (command instanceof Command.SetSchedulerConfig c) {
      tx.schedulerConfig(c.config());
    } else if (command instanceof Command.UpsertNodePool c) {
      tx.upsertNodePool(c.pool());
    } else if (command instanceof Command.PeriodicLaunch c) {
      tx.upsertPeriodicLaunch(c.namespace(), c.jobId(), c.launchNanos());
    } else if (command instanceof Command.Batch c) {
      c.commands().forEach(sub -> apply(tx, sub));
    } else if (command instanceof Command.LeaderTerm || command instanceof Command.RestoreState) {
      throw new UnknownObjectException("command", command.getClass().getSimpleName() + " inside a batch");
    } else {
      throw new IllegalStateException("unhandled command " + command.getClass().getSimpleName());
    }
  }

  private static DesiredTransition merge(DesiredTransition stored, DesiredTransition update) {
    if (stored == null) {
      return update;
    }
    return new DesiredTransition(
        update.migrate() != null ? update.migrate() : stored.migrate(),
        update.reschedule() != null ? update.reschedule() : stored.reschedule(),
        update.forceReschedule() != null ? update.forceReschedule() : stored.forceReschedule(),
        update.noShutdownDelay() != null ? update.noShutdownDelay() : stored.noShutdownDelay(),
        update.migrateDisablePlacement() != null ? update.migrateDisablePlacement() : stored.migrateDisablePlacement());
  }

  /**
   * A scheduler's allocation (a stop, an eviction or an in-place update) was copied from a snapshot
   * that may be older than the client's last report: keep the stored client status, description and
   * task states, unless the server itself marks the allocation lost or unknown (as Nomad's
   * upsertAllocsImpl does).
   */
  private static Allocation keepClientState(Allocation existing, Allocation planned) {
    if ("lost".equals(planned.clientStatus()) || "unknown".equals(planned.clientStatus())) {
      return planned;
    }
    return planned.toBuilder().clientStatus(existing.clientStatus()).clientDescription(existing.clientDescription())
        .taskStates(existing.taskStates()).build();
  }

  @Override
  public byte[] query(byte[] request) {
    if (request.length == 1 && request[0] == QUERY_LATEST_INDEX) {
      return ByteBuffer.allocate(8).putLong(store.snapshot().latestIndex()).array();
    }
    throw new IllegalArgumentException("unknown state query (" + request.length + " bytes)");
  }

  @Override
  public void snapshot(OutputStream out) throws IOException {
    write(store.snapshot(), out);
  }

  /** The current state, immutable: its writer may run on any thread while commands go on. */
  @Override
  public StateWriter captureState() {
    StateSnapshot s = store.snapshot();
    return out -> write(s, out);
  }

  private static void write(StateSnapshot s, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(SNAPSHOT_VERSION);
    data.writeLong(s.latestIndex());
    for (Map.Entry<String, Long> e : s.tableIndexes().entrySet()) {
      data.writeByte(T_TABLE_INDEX);
      data.writeUTF(e.getKey());
      data.writeLong(e.getValue());
    }
    for (Job j : s.allJobVersions()) {
      record(data, T_JOB, j);
    }
    for (Node n : s.nodes()) {
      record(data, T_NODE, n);
    }
    for (Allocation a : s.allocs()) {
      // jobs are written once per version above; an allocation sharing one refers to it by version
      long version = s.sharedJobVersion(a);
      if (version < 0) {
        record(data, T_ALLOC, a);
      } else {
        byte[] body = Smile.MAPPER.writeValueAsBytes(Allocations.withoutJob(a));
        data.writeByte(T_ALLOC_SHARING_JOB);
        data.writeLong(version);
        data.writeInt(body.length);
        data.write(body);
      }
    }
    for (Evaluation e : s.evals()) {
      record(data, T_EVAL, e);
    }
    for (Deployment d : s.deployments()) {
      record(data, T_DEPLOYMENT, d);
    }
    if (s.schedulerConfig().isPresent()) {
      record(data, T_SCHEDULER_CONFIG, s.schedulerConfig().get());
    }
    for (NodePool p : s.nodePools()) {
      record(data, T_NODE_POOL, p);
    }
    for (PeriodicLaunch l : s.periodicLaunches()) {
      record(data, T_PERIODIC_LAUNCH, l);
    }
    data.writeByte(T_END);
    data.flush();
  }

  private static void record(DataOutputStream data, byte type, Object value) throws IOException {
    byte[] body = Smile.MAPPER.writeValueAsBytes(value);
    data.writeByte(type);
    data.writeInt(body.length);
    data.write(body);
  }

  @Override
  public void restore(InputStream in) throws IOException {
    restore(in, -1);
  }

  /**
   * Replaces the state with a snapshot; with {@code atIndex >= 0} (a restore applied as a command) the
   * state and every table, those the snapshot lacks included, are stamped with that index, so blocking
   * queries wake and indexes never go back.
   */
  private void restore(InputStream in, long atIndex) throws IOException {
    java.util.Set<String> tablesBefore = store.staged().tableIndexes().keySet();
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a Caravan state snapshot (bad magic)");
    }
    int version = data.readInt();
    if (version != SNAPSHOT_VERSION) {
      throw new IOException("unsupported snapshot version " + version);
    }
    long saved = data.readLong();
    long index = atIndex >= 0 ? atIndex : saved;
    IOException[] failure = new IOException[1];
    store.restore(index, r -> {
      try {
        while (true) {
          byte type = data.readByte();
          if (type == T_END) {
            if (atIndex >= 0) {
              tablesBefore.forEach(t -> r.tableIndex(t, atIndex));
            }
            return;
          }
          long jobVersion = type == T_ALLOC_SHARING_JOB ? data.readLong() : -1;
          if (type == T_TABLE_INDEX) {
            String table = data.readUTF();
            long tableIndex = data.readLong();
            r.tableIndex(table, atIndex >= 0 ? atIndex : tableIndex);
            continue;
          }
          byte[] body = new byte[data.readInt()];
          data.readFully(body);
          switch (type) {
            case T_JOB -> r.jobVersion(Smile.MAPPER.readValue(body, Job.class));
            case T_NODE -> r.node(Smile.MAPPER.readValue(body, Node.class));
            case T_ALLOC -> r.alloc(Smile.MAPPER.readValue(body, Allocation.class));
            case T_ALLOC_SHARING_JOB -> r.allocSharingJob(Smile.MAPPER.readValue(body, Allocation.class), jobVersion);
            case T_EVAL -> r.eval(Smile.MAPPER.readValue(body, Evaluation.class));
            case T_DEPLOYMENT -> r.deployment(Smile.MAPPER.readValue(body, Deployment.class));
            case T_SCHEDULER_CONFIG -> r.schedulerConfig(Smile.MAPPER.readValue(body, SchedulerConfiguration.class));
            case T_NODE_POOL -> r.nodePool(Smile.MAPPER.readValue(body, NodePool.class));
            case T_PERIODIC_LAUNCH -> r.periodicLaunch(Smile.MAPPER.readValue(body, PeriodicLaunch.class));
            default -> throw new IOException("unknown snapshot record type " + type);
          }
        }
      } catch (io.caravan.state.store.UnknownObjectException e) {
        failure[0] = new IOException("inconsistent snapshot: " + e.getMessage(), e);
      } catch (EOFException e) {
        failure[0] = new IOException("truncated snapshot", e);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
