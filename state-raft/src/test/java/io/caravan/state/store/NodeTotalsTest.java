package io.caravan.state.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import io.caravan.state.fsm.StateFsm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-node totals of live allocations the store keeps for the scheduler. */
class NodeTotalsTest {
  private static final int NODES = 6;

  private static AllocatedResources resources(long cpu, long mem, long disk, int port) {
    return new AllocatedResources(
        Map.of("app", new AllocatedTaskResources(new AllocatedCpuResources(cpu, null),
            new AllocatedMemoryResources(mem, 0), null, null)),
        null,
        new AllocatedSharedResources(null, disk,
            port == 0 ? null : List.of(new AllocatedPortMapping("http", port, port, "10.0.0.1"))));
  }

  private static void assertTotalsMatchAllocations(StateSnapshot s, long seed) {
    for (int n = 0; n < NODES; n++) {
      String node = "node-" + n;
      assertThat(s.liveAllocTotals(node))
          .as("node %s at index %d (seed %d)", node, s.latestIndex(), seed)
          .isEqualTo(AllocUsage.liveTotals(s.allocsByNode(node)));
    }
  }

  @Test
  void totalsFollowPlacementsStopsClientUpdatesMovesAndDeletes() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      StateStore store = new StateStore(Clock.systemUTC());
      Job job = store.write(1, tx -> tx.upsertJob(Fixtures.job("web")));
      List<String> ids = new ArrayList<>();
      for (long index = 2; index < 80; index++) {
        int ops = 1 + r.nextInt(4);
        store.write(index, tx -> {
          for (int i = 0; i < ops; i++) {
            int kind = ids.isEmpty() ? 0 : r.nextInt(5);
            String node = "node-" + r.nextInt(NODES);
            switch (kind) {
              case 0 -> {
                String id = "a-" + ids.size();
                ids.add(id);
                Allocation a = Fixtures.alloc(id, node, "web", "e1", job).toBuilder()
                    .allocatedResources(resources(100 + r.nextInt(5) * 100, 64 << r.nextInt(3), 150,
                        r.nextInt(4) == 0 ? 20000 + r.nextInt(100) : 0))
                    .build();
                tx.upsertAllocs(List.of(a));
              }
              case 1 -> {
                String id = ids.get(r.nextInt(ids.size()));
                if (tx.allocById(id) != null) {
                  tx.updateAlloc(id, b -> b.desiredStatus(r.nextBoolean() ? "stop" : "run"));
                }
              }
              case 2 -> {
                String id = ids.get(r.nextInt(ids.size()));
                if (tx.allocById(id) != null) {
                  tx.updateAlloc(id, b -> b.clientStatus(List.of("running", "complete", "failed", "pending")
                      .get(r.nextInt(4))));
                }
              }
              case 3 -> {
                String id = ids.get(r.nextInt(ids.size()));
                if (tx.allocById(id) != null) {
                  tx.updateAlloc(id, b -> b.nodeID(node).allocatedResources(resources(300, 128, 300, 0)));
                }
              }
              default -> tx.deleteAllocs(List.of(ids.get(r.nextInt(ids.size()))));
            }
          }
          return null;
        });
        assertTotalsMatchAllocations(store.snapshot(), seed);
      }
      // a restored state rebuilds the same totals
      StateFsm fsm = new StateFsm(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fsm.snapshot(out);
      StateStore restored = new StateStore(Clock.systemUTC());
      new StateFsm(restored).restore(new ByteArrayInputStream(out.toByteArray()));
      for (int n = 0; n < NODES; n++) {
        assertThat(restored.snapshot().liveAllocTotals("node-" + n))
            .as("restored node-%d (seed %d)", n, seed)
            .isEqualTo(store.snapshot().liveAllocTotals("node-" + n));
      }
      assertTotalsMatchAllocations(restored.snapshot(), seed);
    }
  }

  @Test
  void aNodeWithoutLiveAllocationsHasEmptyTotals() {
    StateStore store = new StateStore(Clock.systemUTC());
    Job job = store.write(1, tx -> tx.upsertJob(Fixtures.job("web")));
    store.write(2, tx -> {
      tx.upsertAllocs(List.of(Fixtures.alloc("a1", "node-0", "web", "e1", job).toBuilder()
          .allocatedResources(resources(250, 64, 150, 0)).build()));
      return null;
    });
    assertThat(store.snapshot().liveAllocTotals("node-0")).isEqualTo(new NodeAllocTotals(1, 250, 64, 150, 0));
    store.write(3, tx -> tx.updateAlloc("a1", b -> b.desiredStatus("stop")));
    assertThat(store.snapshot().liveAllocTotals("node-0")).isEqualTo(NodeAllocTotals.EMPTY);
    assertThat(store.snapshot().liveAllocTotals("no-such-node")).isEqualTo(NodeAllocTotals.EMPTY);
  }
}
