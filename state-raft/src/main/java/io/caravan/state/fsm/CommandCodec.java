package io.caravan.state.fsm;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes commands as {@code [format version][type code][Smile body]} (the allocation-heavy plan results and
 * client updates as {@code [version][type code][binary body]}, see {@link AllocationCommandsWire}); a batch is
 * {@code [version][code][int count]([int length][command])*}. Type codes are stable (Nomad's
 * message types where one exists).
 */
public final class CommandCodec {
  /** Current format version, the first byte of every entry. */
  public static final byte VERSION = 1;

  private static final Map<Class<? extends Command>, Byte> CODES = Map.ofEntries(
      Map.entry(Command.UpsertNode.class, (byte) 0),
      Map.entry(Command.UpdateNodeStatus.class, (byte) 2),
      Map.entry(Command.UpdateNodeDrain.class, (byte) 3),
      Map.entry(Command.RegisterJob.class, (byte) 4),
      Map.entry(Command.DeregisterJob.class, (byte) 5),
      Map.entry(Command.UpsertEvals.class, (byte) 6),
      Map.entry(Command.DeleteEvals.class, (byte) 7),
      Map.entry(Command.ClientAllocUpdates.class, (byte) 9),
      Map.entry(Command.ApplyPlanResult.class, (byte) 13),
      Map.entry(Command.DeploymentStatus.class, (byte) 14),
      Map.entry(Command.UpsertDeployment.class, (byte) 15),
      Map.entry(Command.PromoteDeployment.class, (byte) 16),
      Map.entry(Command.DeleteDeployments.class, (byte) 17),
      Map.entry(Command.AllocDesiredTransitions.class, (byte) 27),
      Map.entry(Command.UpdateNodeEligibility.class, (byte) 28),
      Map.entry(Command.SetSchedulerConfig.class, (byte) 30),
      Map.entry(Command.UpsertNodePool.class, (byte) 59),
      Map.entry(Command.PeriodicLaunch.class, (byte) 66),
      Map.entry(Command.RestoreState.class, (byte) 110),
      Map.entry(Command.LeaderTerm.class, (byte) 111),
      Map.entry(Command.Batch.class, (byte) 127));

  /**
   * Type code of {@link Command.ApplyPlanResult} as written (Smile) between allocations stopping to carry
   * their job each ({@link PlanResultWire}) and the hand-written form ({@link AllocationCommandsWire#PLAN_RESULT});
   * still read, as is code 13 (every allocation with its job), for logs and snapshots of older builds.
   * {@link Command.ClientAllocUpdates} is written as {@link AllocationCommandsWire#CLIENT_UPDATES}; its
   * Smile code 9 is still read.
   */
  static final byte PLAN_RESULT_SHARED_JOBS = 113;

  private static final Class<?>[] BY_CODE = new Class<?>[128];

  static {
    CODES.forEach((type, code) -> BY_CODE[code] = type);
  }

  private CommandCodec() {}

  public static byte[] encode(Command command) {
    byte code = CODES.get(command.getClass());
    if (command instanceof Command.Batch batch) {
      List<byte[]> parts = new ArrayList<>(batch.commands().size());
      int size = 2 + 4;
      for (Command c : batch.commands()) {
        byte[] part = encode(c);
        parts.add(part);
        size += 4 + part.length;
      }
      ByteBuffer buf = ByteBuffer.allocate(size).put(VERSION).put(code).putInt(parts.size());
      parts.forEach(p -> buf.putInt(p.length).put(p));
      return buf.array();
    }
    if (command instanceof Command.RestoreState r) {
      return ByteBuffer.allocate(2 + r.gzippedSnapshot().length).put(VERSION).put(code).put(r.gzippedSnapshot()).array();
    }
    if (command instanceof Command.LeaderTerm t) {
      byte[] inner = encode(t.command());
      return ByteBuffer.allocate(2 + 8 + inner.length).put(VERSION).put(code).putLong(t.term()).put(inner).array();
    }
    if (command instanceof Command.ApplyPlanResult c) {
      return AllocationCommandsWire.encode(c);
    }
    if (command instanceof Command.ClientAllocUpdates c) {
      return AllocationCommandsWire.encode(c);
    }
    return smileEntry(code, command, command);
  }

  /**
   * Encodes {@code command} in the Smile form older builds wrote (plan results as code 113, client updates
   * as code 9, anything else as {@link #encode} does); {@link #decode} still reads it. For comparisons and
   * compatibility tests: new entries are written by {@link #encode}.
   */
  public static byte[] encodeSmile(Command command) {
    if (command instanceof Command.ApplyPlanResult c) {
      return smileEntry(PLAN_RESULT_SHARED_JOBS, PlanResultWire.of(c), command);
    }
    if (command instanceof Command.ClientAllocUpdates) {
      return smileEntry(CODES.get(command.getClass()), command, command);
    }
    return encode(command);
  }

  private static byte[] smileEntry(byte code, Object wire, Command command) {
    try {
      byte[] body = Smile.MAPPER.writeValueAsBytes(wire);
      byte[] out = new byte[body.length + 2];
      out[0] = VERSION;
      out[1] = code;
      System.arraycopy(body, 0, out, 2, body.length);
      return out;
    } catch (IOException e) {
      throw new CommandCodecException("cannot encode " + command.getClass().getSimpleName(), e);
    }
  }

  public static Command decode(byte[] bytes) {
    if (bytes.length < 2) {
      throw new CommandCodecException("command of " + bytes.length + " bytes is too short");
    }
    if (bytes[0] != VERSION) {
      throw new CommandCodecException("unsupported command format version " + bytes[0] + " (this build reads " + VERSION + ")");
    }
    int code = bytes[1];
    if (code == AllocationCommandsWire.PLAN_RESULT) {
      return AllocationCommandsWire.decodePlanResult(bytes);
    }
    if (code == AllocationCommandsWire.CLIENT_UPDATES) {
      return AllocationCommandsWire.decodeClientUpdates(bytes);
    }
    if (code == PLAN_RESULT_SHARED_JOBS) {
      try {
        return Smile.MAPPER.readValue(bytes, 2, bytes.length - 2, PlanResultWire.class).toCommand();
      } catch (IOException e) {
        throw new CommandCodecException("corrupt ApplyPlanResult command: " + e.getMessage(), e);
      }
    }
    Class<?> type = code >= 0 ? BY_CODE[code] : null;
    if (type == null) {
      throw new CommandCodecException("unknown command type " + code);
    }
    if (type == Command.Batch.class) {
      ByteBuffer buf = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
      int n = buf.getInt();
      if (n < 0 || n > buf.remaining() / 4) {
        throw new CommandCodecException("corrupt batch: count " + n);
      }
      List<Command> commands = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = buf.getInt();
        if (len < 0 || len > buf.remaining()) {
          throw new CommandCodecException("corrupt batch: command " + i + " length " + len);
        }
        byte[] part = new byte[len];
        buf.get(part);
        commands.add(decode(part));
      }
      return new Command.Batch(commands);
    }
    if (type == Command.RestoreState.class) {
      return new Command.RestoreState(java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
    }
    if (type == Command.LeaderTerm.class) {
      if (bytes.length < 2 + 8 + 2) {
        throw new CommandCodecException("corrupt LeaderTerm command of " + bytes.length + " bytes");
      }
      long term = ByteBuffer.wrap(bytes, 2, 8).getLong();
      return new Command.LeaderTerm(term, decode(java.util.Arrays.copyOfRange(bytes, 10, bytes.length)));
    }
    try {
      return (Command) Smile.MAPPER.readValue(bytes, 2, bytes.length - 2, type);
    } catch (IOException e) {
      throw new CommandCodecException("corrupt " + type.getSimpleName() + " command: " + e.getMessage(), e);
    }
  }

  /**
   * {@link Command.ApplyPlanResult} on the wire: a plan's allocations usually share one job, which
   * would otherwise be encoded (and decoded on every server) once per allocation. Here each distinct
   * job instance is written once in {@code jobs}, the allocations without theirs, and
   * {@code jobOf[i]} is allocation i's job's position in {@code jobs} (-1: it had none).
   */
  record PlanResultWire(List<Job> jobs, List<Allocation> allocs, int[] jobOf, @Nullable Deployment deployment,
      List<Evaluation> evals) {
    static PlanResultWire of(Command.ApplyPlanResult c) {
      List<Job> jobs = new ArrayList<>();
      Map<Job, Integer> position = new IdentityHashMap<>();
      List<Allocation> allocs = new ArrayList<>(c.allocs().size());
      int[] jobOf = new int[c.allocs().size()];
      for (int i = 0; i < jobOf.length; i++) {
        Allocation a = c.allocs().get(i);
        Job job = a.job();
        if (job == null) {
          jobOf[i] = -1;
          allocs.add(a);
        } else {
          jobOf[i] = position.computeIfAbsent(job, j -> {
            jobs.add(j);
            return jobs.size() - 1;
          });
          allocs.add(a.toBuilder().job(null).build());
        }
      }
      return new PlanResultWire(jobs, allocs, jobOf, c.deployment(), c.evals());
    }

    Command.ApplyPlanResult toCommand() {
      if (jobOf.length != allocs.size()) {
        throw new CommandCodecException("corrupt ApplyPlanResult command: " + allocs.size()
            + " allocations but " + jobOf.length + " job references");
      }
      List<Allocation> out = new ArrayList<>(allocs.size());
      for (int i = 0; i < jobOf.length; i++) {
        int j = jobOf[i];
        if (j < -1 || j >= jobs.size()) {
          throw new CommandCodecException("corrupt ApplyPlanResult command: allocation " + i + " refers to job " + j
              + " of " + jobs.size());
        }
        out.add(j < 0 ? allocs.get(i) : allocs.get(i).toBuilder().job(jobs.get(j)).build());
      }
      return new Command.ApplyPlanResult(out, deployment, evals);
    }
  }
}
