package io.caravan.state.raft;

import io.caravan.state.config.GroupCommitSettings;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.internal.BatchCodec;
import io.caravan.state.raft.internal.RaftProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Client side of a replicated FSM: submits commands (forwarded to the leader, retried across leader
 * changes, de-duplicated by Ratis's retry cache) and issues linearizable reads. Commands submitted
 * concurrently are packed into one Raft entry (group commit), with several entries in flight, so
 * throughput is not bounded by one round trip per command.
 */
public final class ReplicatedLog implements AutoCloseable {
  private static final byte[] POISON = new byte[0];

  private final RaftClient client;
  private final GroupCommitSettings batching;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore inFlight;
  private final Thread flusher;
  private final AtomicLong entriesSent = new AtomicLong();
  private final AtomicLong commandsSent = new AtomicLong();
  private volatile boolean closed;

  private record Pending(byte[] command, CompletableFuture<byte[]> result) {}

  private ReplicatedLog(RaftClient client, GroupCommitSettings batching, String name) {
    this.client = client;
    this.batching = batching;
    this.inFlight = new Semaphore(batching.maxInFlight());
    this.flusher = new Thread(this::flushLoop, "caravan-group-commit-" + name);
    this.flusher.setDaemon(true);
    this.flusher.start();
  }

  /** Connects to the servers in {@code peers} (any subset that includes a live member is enough). */
  public static ReplicatedLog connect(List<Peer> peers, ServerConfig cfg) {
    RaftGroup group = RaftProps.group(cfg.raft().group(), peers);
    RaftClient client = RaftClient.newBuilder()
        .setProperties(RaftProps.common(cfg))
        .setRaftGroup(group)
        .setRetryPolicy(RaftProps.retryPolicy(cfg))
        .build();
    return new ReplicatedLog(client, cfg.raft().groupCommit(), cfg.raft().group());
  }

  /**
   * Submits one command. The future completes with the FSM's reply once the command is committed and
   * applied, fails with {@link FsmCommandException} if the FSM rejected it, or with
   * {@link ReplicationException} if Raft could not commit it (the outcome is then unknown).
   */
  public CompletableFuture<byte[]> submit(byte[] command) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new ReplicationException("replicated log is closed"));
      return f;
    }
    queue.add(new Pending(command, f));
    return f;
  }

  /** Linearizable read answered by {@link ReplicatedFsm#query} on the leader after a read-index check. */
  public CompletableFuture<byte[]> query(byte[] request) {
    return client.async().sendReadOnly(Message.valueOf(ByteString.copyFrom(request)))
        .handle((reply, error) -> {
          if (error != null) {
            throw new CompletionException(new ReplicationException("read failed", unwrap(error)));
          }
          if (!reply.isSuccess()) {
            throw new CompletionException(new ReplicationException("read failed", reply.getException()));
          }
          return reply.getMessage().getContent().toByteArray();
        });
  }

  /**
   * Changes the voting membership to exactly {@code members} (add and/or remove servers). New servers
   * must already be running (started with an empty group); they catch up by log or snapshot.
   */
  public void setMembers(List<Peer> members) {
    try {
      RaftClientReply reply = client.admin().setConfiguration(members.stream().map(RaftProps::peer).toList());
      if (!reply.isSuccess()) {
        throw new ReplicationException("membership change to " + members + " failed", reply.getException());
      }
    } catch (IOException e) {
      throw new ReplicationException("membership change to " + members + " failed", e);
    }
  }

  /** Raft entries sent so far (each carrying one batch). */
  public long entriesSent() {
    return entriesSent.get();
  }

  /** Commands sent so far; {@code commandsSent / entriesSent} is the mean batch size. */
  public long commandsSent() {
    return commandsSent.get();
  }

  private void flushLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        Pending first = queue.take();
        if (first.command == POISON) {
          break;
        }
        inFlight.acquire();
        batch.add(first);
        long bytes = first.command.length;
        while (batch.size() < batching.maxBatch()) {
          Pending next = queue.peek();
          if (next == null || next.command == POISON || bytes + next.command.length > batching.maxBytes()) {
            break;
          }
          queue.poll();
          batch.add(next);
          bytes += next.command.length;
        }
        send(List.copyOf(batch));
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ReplicationException closedError = new ReplicationException("replicated log is closed");
    batch.forEach(p -> p.result.completeExceptionally(closedError));
    Pending p;
    while ((p = queue.poll()) != null) {
      p.result.completeExceptionally(closedError);
    }
  }

  private void send(List<Pending> batch) {
    List<byte[]> commands = batch.stream().map(Pending::command).toList();
    byte[] payload = BatchCodec.encode(commands);
    entriesSent.incrementAndGet();
    commandsSent.addAndGet(batch.size());
    CompletableFuture<RaftClientReply> sent;
    try {
      sent = client.async().send(Message.valueOf(ByteString.copyFrom(payload)));
    } catch (RuntimeException e) {
      inFlight.release();
      batch.forEach(p -> p.result.completeExceptionally(new ReplicationException("write failed", e)));
      return;
    }
    sent.whenComplete((reply, error) -> {
      inFlight.release();
      if (error != null || !reply.isSuccess()) {
        Throwable cause = error != null ? unwrap(error) : reply.getException();
        ReplicationException ex = new ReplicationException("write failed (outcome unknown)", cause);
        batch.forEach(p -> p.result.completeExceptionally(ex));
        return;
      }
      List<byte[]> replies;
      try {
        replies = BatchCodec.decode(reply.getMessage().getContent().asReadOnlyByteBuffer());
      } catch (RuntimeException e) {
        batch.forEach(p -> p.result.completeExceptionally(new ReplicationException("corrupt batch reply", e)));
        return;
      }
      if (replies.size() != batch.size()) {
        ReplicationException ex = new ReplicationException(
            "batch reply has " + replies.size() + " results for " + batch.size() + " commands");
        batch.forEach(p -> p.result.completeExceptionally(ex));
        return;
      }
      for (int i = 0; i < batch.size(); i++) {
        byte[] r = replies.get(i);
        byte[] body = Arrays.copyOfRange(r, 1, r.length);
        if (r[0] == BatchCodec.OK) {
          batch.get(i).result.complete(body);
        } else {
          batch.get(i).result.completeExceptionally(new FsmCommandException(new String(body, StandardCharsets.UTF_8)));
        }
      }
    });
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Fails queued commands, waits briefly for the flusher and closes the Raft client. */
  @Override
  public void close() {
    closed = true;
    queue.add(new Pending(POISON, new CompletableFuture<>()));
    try {
      flusher.join(TimeUnit.SECONDS.toMillis(5));
      client.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new ReplicationException("closing Raft client", e);
    }
  }
}
