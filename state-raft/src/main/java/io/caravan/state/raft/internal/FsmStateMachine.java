package io.caravan.state.raft.internal;

import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.ReplicatedFsm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis state machine over a {@link ReplicatedFsm}: unpacks group-commit batches, applies each
 * command, takes single-file snapshots with an MD5 checksum, and drives the pause / reinitialize
 * lifecycle Ratis needs to install a snapshot sent by the leader.
 */
public final class FsmStateMachine extends BaseStateMachine {
  private final ReplicatedFsm fsm;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final Object applyLock = new Object();
  private final AtomicLong snapshotsLoaded = new AtomicLong();
  private final AtomicLong commandsApplied = new AtomicLong();
  private final Object snapshotLock = new Object();
  private final Object writeLock = new Object();
  /** The automatic snapshot being written in the background, or one finished and not yet reported to Ratis. */
  private CompletableFuture<Long> background;
  /** The index of the last snapshot reported to Ratis by {@link #takeSnapshot}. */
  private long reported = NO_SNAPSHOT;

  public FsmStateMachine(ReplicatedFsm fsm) {
    this.fsm = fsm;
  }

  /** The application state machine this adapter drives. */
  public ReplicatedFsm fsm() {
    return fsm;
  }

  /** How many times a snapshot was loaded into the FSM (on start-up or after an install from the leader). */
  public long snapshotsLoaded() {
    return snapshotsLoaded.get();
  }

  /** Commands applied since this process started. */
  public long commandsApplied() {
    return commandsApplied.get();
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, raftStorage);
      storage.init(raftStorage);
      load(storage.getLatestSnapshot());
    });
  }

  @Override
  public void pause() {
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
      lc.transition(LifeCycle.State.PAUSING);
      lc.transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public void reinitialize() throws IOException {
    load(storage.loadLatestSnapshot());
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
      lc.transition(LifeCycle.State.STARTING);
      lc.transition(LifeCycle.State.RUNNING);
    }
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    File file = snapshot.getFile().getPath().toFile();
    if (!file.exists()) {
      throw new IOException("snapshot file missing: " + file);
    }
    MD5Hash md5 = snapshot.getFile().getFileDigest();
    if (md5 != null) {
      MD5FileUtil.verifySavedMD5(file, md5);
    }
    TermIndex ti = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file);
    synchronized (applyLock) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()))) {
        fsm.restore(in);
      }
      setLastAppliedTermIndex(ti);
    }
    snapshotsLoaded.incrementAndGet();
  }

  /**
   * Ratis' automatic snapshot (every {@code snapshot_threshold} entries, on the applying thread): the
   * state is captured between entries and written by a background thread, so applying goes on
   * meanwhile. Returns the index of a snapshot finished since the last call (Ratis then purges the log
   * up to it), else {@value #NO_SNAPSHOT}; Ratis asks again after the next entry while it is due.
   */
  @Override
  public long takeSnapshot() throws IOException {
    synchronized (snapshotLock) {
      if (background != null && background.isDone()) {
        CompletableFuture<Long> done = background;
        background = null;
        try {
          long index = done.join();
          if (index > reported) {
            reported = index;
            return index;
          }
        } catch (java.util.concurrent.CompletionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException("background snapshot failed", e.getCause());
        }
      }
      if (background != null) {
        return NO_SNAPSHOT;
      }
      TermIndex last;
      ReplicatedFsm.StateWriter state;
      synchronized (applyLock) {
        last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0 || last.getIndex() <= reported) {
          return NO_SNAPSHOT;
        }
        state = fsm.captureState();
      }
      TermIndex at = last;
      background = new CompletableFuture<>();
      CompletableFuture<Long> mine = background;
      Thread writer = new Thread(() -> {
        try {
          mine.complete(write(at, state));
        } catch (IOException | RuntimeException e) {
          mine.completeExceptionally(e);
        }
      }, "caravan-snapshot-" + getId());
      writer.setDaemon(true);
      writer.start();
      return NO_SNAPSHOT;
    }
  }

  /** Snapshots now, on the calling thread (after a background snapshot in progress); returns its index. */
  public long takeSnapshotNow() throws IOException {
    awaitBackgroundSnapshot();
    TermIndex last;
    ReplicatedFsm.StateWriter state;
    synchronized (applyLock) {
      last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return NO_SNAPSHOT;
      }
      state = fsm.captureState();
    }
    return write(last, state);
  }

  private void awaitBackgroundSnapshot() {
    CompletableFuture<Long> running;
    synchronized (snapshotLock) {
      running = background;
    }
    if (running != null) {
      // its outcome (or failure) is reported by the next takeSnapshot
      running.handle((index, failure) -> null).join();
    }
  }

  /** Writes a captured state as the snapshot file of {@code last}, with its MD5, and records it. */
  private long write(TermIndex last, ReplicatedFsm.StateWriter state) throws IOException {
    synchronized (writeLock) {
      File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
      if (file.exists()) {
        return last.getIndex(); // already written (a manual snapshot at the same index)
      }
      File tmp = new File(file.getParentFile(), file.getName() + ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.toPath()), 1 << 16)) {
        state.write(out);
      }
      Files.move(tmp.toPath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
      storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
      return last.getIndex();
    }
  }

  /** Waits for a background snapshot to finish before the storage goes away. */
  @Override
  public void close() throws IOException {
    awaitBackgroundSnapshot();
    super.close();
  }

  private static final long NO_SNAPSHOT = -1;

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    ByteString data = entry.getStateMachineLogEntry().getLogData();
    List<byte[]> commands = BatchCodec.decode(data.asReadOnlyByteBuffer());
    List<byte[]> replies = new ArrayList<>(commands.size());
    synchronized (applyLock) {
      // one entry, one published state: a reader waiting for this index sees every command of it
      fsm.applyEntry(index, () -> {
        for (byte[] command : commands) {
          byte[] reply;
          try {
            reply = BatchCodec.ok(fsm.apply(entry.getTerm(), index, command));
          } catch (FsmCommandException e) {
            reply = BatchCodec.rejected(e.getMessage());
          }
          replies.add(reply);
        }
      });
      commandsApplied.addAndGet(commands.size());
      updateLastAppliedTermIndex(entry.getTerm(), index);
    }
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(BatchCodec.encode(replies))));
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      byte[] reply = fsm.query(request.getContent().toByteArray());
      return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Reads the local replica's state without going through Raft (may be stale on a follower). */
  public byte[] queryLocal(byte[] request) {
    return fsm.query(request);
  }

  /** Writes the local replica's full state under the apply lock, with the index it reflects. */
  public long snapshotLocal(OutputStream out) throws IOException {
    synchronized (applyLock) {
      fsm.snapshot(out);
      TermIndex last = getLastAppliedTermIndex();
      return last == null ? -1 : last.getIndex();
    }
  }
}
