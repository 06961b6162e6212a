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

  @Override
  public long takeSnapshot() throws IOException {
    synchronized (applyLock) {
      TermIndex last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return NO_SNAPSHOT;
      }
      File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
      File tmp = new File(file.getParentFile(), file.getName() + ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.toPath()))) {
        fsm.snapshot(out);
      }
      Files.move(tmp.toPath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
      storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
      return last.getIndex();
    }
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
