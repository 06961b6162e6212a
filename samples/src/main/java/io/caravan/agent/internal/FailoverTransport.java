package io.caravan.agent.internal;

import io.caravan.model.cluster.Node;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.HeartbeatResponse;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import java.time.Duration;
import java.util.List;

/**
 * A client transport over several servers: each call goes to the server that answered last and, when
 * it fails (unreachable, not the leader), to the next ones in turn; "unknown node" answers are passed
 * on as they are (the client registers again). Fails with the last error when none answers.
 */
public final class FailoverTransport implements Transport {
  private final List<Transport> servers;
  private volatile int current;

  public FailoverTransport(List<Transport> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server is needed");
    }
    this.servers = List.copyOf(servers);
  }

  private interface Call<T> {
    T run(Transport t) throws InterruptedException;
  }

  private <T> T call(Call<T> call) throws InterruptedException {
    TransportException last = null;
    int start = current;
    for (int i = 0; i < servers.size(); i++) {
      int at = (start + i) % servers.size();
      try {
        T result = call.run(servers.get(at));
        current = at;
        return result;
      } catch (TransportException e) {
        if (e.unknownNode()) {
          current = at;
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private <T> T callUninterruptibly(Call<T> call) {
    try {
      return call(call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", e);
    }
  }

  @Override
  public HeartbeatResponse register(Node node) {
    return callUninterruptibly(t -> t.register(node));
  }

  @Override
  public HeartbeatResponse heartbeat(String nodeId, String status) {
    return callUninterruptibly(t -> t.heartbeat(nodeId, status));
  }

  @Override
  public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait) throws InterruptedException {
    return call(t -> t.pullAllocations(nodeId, minIndex, maxWait));
  }

  @Override
  public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
    callUninterruptibly(t -> {
      t.updateAllocations(nodeId, updates);
      return null;
    });
  }
}
