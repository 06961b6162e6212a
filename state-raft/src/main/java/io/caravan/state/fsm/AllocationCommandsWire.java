package io.caravan.state.fsm;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.state.fsm.internal.AllocationReader;
import io.caravan.state.fsm.internal.AllocationWriter;
import io.caravan.state.fsm.internal.WireReader;
import io.caravan.state.fsm.internal.WireWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-written binary bodies of the commands that carry many allocations, {@link Command.ApplyPlanResult}
 * ({@link #PLAN_RESULT}) and {@link Command.ClientAllocUpdates} ({@link #CLIENT_UPDATES}). A body is
 * {@code [job count]([Smile job])* [allocation count]([job ref][allocation])*}, then for a plan
 * {@code [deployment: 0, or 1 and Smile]}, then {@code [eval count]([Smile evaluation])*}. Every distinct job
 * instance is written once (job ref 0: none, k: the k-th job); allocations are written field by field by
 * {@link AllocationWriter} with one string table for the whole command.
 */
final class AllocationCommandsWire {
  /** Type code of {@link Command.ApplyPlanResult} in this form. */
  static final byte PLAN_RESULT = 114;
  /** Type code of {@link Command.ClientAllocUpdates} in this form. */
  static final byte CLIENT_UPDATES = 115;

  private AllocationCommandsWire() {}

  /** {@code [version][PLAN_RESULT][body]}. */
  static byte[] encode(Command.ApplyPlanResult c) {
    WireWriter w = header(PLAN_RESULT, c.allocs().size());
    allocs(w, c.allocs());
    Deployment d = c.deployment();
    w.writeBoolean(d != null);
    if (d != null) {
      w.writeBlob(smile(d, "deployment"));
    }
    evals(w, c.evals());
    return w.toByteArray();
  }

  /** {@code [version][CLIENT_UPDATES][body]}. */
  static byte[] encode(Command.ClientAllocUpdates c) {
    WireWriter w = header(CLIENT_UPDATES, c.allocs().size());
    allocs(w, c.allocs());
    evals(w, c.evals());
    return w.toByteArray();
  }

  /** Reads the body of {@code bytes} (after version and type code) as an {@link Command.ApplyPlanResult}. */
  static Command.ApplyPlanResult decodePlanResult(byte[] bytes) {
    WireReader r = new WireReader(bytes, 2, bytes.length);
    List<Allocation> allocs = allocs(r);
    Deployment deployment = null;
    if (r.readBoolean("ApplyPlanResult.Deployment")) {
      deployment = smile(r.readBlob("ApplyPlanResult.Deployment"), Deployment.class, "ApplyPlanResult.Deployment");
    }
    List<Evaluation> evals = evals(r, "ApplyPlanResult.Evals");
    r.expectEnd("ApplyPlanResult");
    return new Command.ApplyPlanResult(allocs, deployment, evals);
  }

  /** Reads the body of {@code bytes} (after version and type code) as a {@link Command.ClientAllocUpdates}. */
  static Command.ClientAllocUpdates decodeClientUpdates(byte[] bytes) {
    WireReader r = new WireReader(bytes, 2, bytes.length);
    List<Allocation> allocs = allocs(r);
    List<Evaluation> evals = evals(r, "ClientAllocUpdates.Evals");
    r.expectEnd("ClientAllocUpdates");
    return new Command.ClientAllocUpdates(allocs, evals);
  }

  private static WireWriter header(byte code, int allocs) {
    // a C1M plan allocation takes ~350 bytes and brings ~5 new strings (its ID, name, node IDs of its scores)
    WireWriter w = new WireWriter(64 + 384 * allocs, 16 + 6 * allocs);
    w.writeByte(CommandCodec.VERSION);
    w.writeByte(code);
    return w;
  }

  private static void allocs(WireWriter w, List<Allocation> allocs) {
    List<Job> jobs = new ArrayList<>();
    Map<Job, Integer> position = new IdentityHashMap<>();
    int[] jobRef = new int[allocs.size()];
    for (int i = 0; i < jobRef.length; i++) {
      Job job = allocs.get(i).job();
      if (job != null) {
        jobRef[i] = 1 + position.computeIfAbsent(job, j -> {
          jobs.add(j);
          return jobs.size() - 1;
        });
      }
    }
    w.writeVarInt(jobs.size());
    for (Job job : jobs) {
      w.writeBlob(smile(job, "job " + job.id()));
    }
    w.writeVarInt(allocs.size());
    AllocationWriter aw = new AllocationWriter(w);
    for (int i = 0; i < jobRef.length; i++) {
      w.writeVarInt(jobRef[i]);
      aw.write(allocs.get(i));
    }
  }

  private static List<Allocation> allocs(WireReader r) {
    int nJobs = r.readVarInt("job count");
    if (nJobs < 0 || nJobs > r.remaining()) {
      throw WireReader.corrupt("job count", Integer.toUnsignedString(nJobs) + " with " + r.remaining() + " bytes left");
    }
    Job[] jobs = new Job[nJobs];
    for (int i = 0; i < nJobs; i++) {
      jobs[i] = smile(r.readBlob("job"), Job.class, "job " + i);
    }
    int n = r.readVarInt("allocation count");
    if (n < 0 || n > r.remaining()) {
      throw WireReader.corrupt("allocation count", Integer.toUnsignedString(n) + " with " + r.remaining()
          + " bytes left");
    }
    AllocationReader ar = new AllocationReader(r);
    List<Allocation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int ref = r.readVarInt("allocation job reference");
      if (ref < 0 || ref > nJobs) {
        throw WireReader.corrupt("allocation " + i, "job reference " + Integer.toUnsignedString(ref) + " of " + nJobs);
      }
      out.add(ar.read(ref == 0 ? null : jobs[ref - 1]));
    }
    return out;
  }

  private static void evals(WireWriter w, List<Evaluation> evals) {
    w.writeVarInt(evals.size());
    for (Evaluation e : evals) {
      w.writeBlob(smile(e, "evaluation " + e.id()));
    }
  }

  private static List<Evaluation> evals(WireReader r, String what) {
    int n = r.readVarInt(what);
    if (n < 0 || n > r.remaining()) {
      throw WireReader.corrupt(what, "count " + Integer.toUnsignedString(n) + " with " + r.remaining() + " bytes left");
    }
    List<Evaluation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(smile(r.readBlob(what), Evaluation.class, what));
    }
    return out;
  }

  private static byte[] smile(Object value, String what) {
    try {
      return Smile.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new CommandCodecException("cannot encode " + what, e);
    }
  }

  private static <T> T smile(byte[] bytes, Class<T> type, String what) {
    try {
      T value = Smile.MAPPER.readValue(bytes, type);
      if (value == null) {
        throw WireReader.corrupt(what, "null");
      }
      return value;
    } catch (IOException e) {
      throw new CommandCodecException("corrupt " + what + ": " + e.getMessage(), e);
    }
  }
}
