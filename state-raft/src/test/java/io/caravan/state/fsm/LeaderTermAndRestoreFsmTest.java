package io.caravan.state.fsm;

import static io.caravan.state.store.Fixtures.alloc;
import static io.caravan.state.store.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Term fencing of leader writes and whole-state restore as a command. */
class LeaderTermAndRestoreFsmTest {
  private final StateStore store = new StateStore(Clock.systemUTC());
  private final StateFsm fsm = new StateFsm(store);

  private static Command plan(String allocId) {
    Job web = job("web").toBuilder().version(0L).build();
    return new Command.ApplyPlanResult(List.of(alloc(allocId, "n1", "web", "e1", web)), null, List.of());
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  @Test
  void bothCommandsSurviveTheCodec() {
    Command fenced = new Command.LeaderTerm(7, plan("a1"));
    assertThat(CommandCodec.decode(CommandCodec.encode(fenced))).isEqualTo(fenced);
    byte[] body = {1, 2, 3};
    Command.RestoreState decoded = (Command.RestoreState) CommandCodec.decode(
        CommandCodec.encode(new Command.RestoreState(body)));
    assertThat(decoded.gzippedSnapshot()).containsExactly(1, 2, 3);
  }

  @Test
  void rejectsAPlanOfAnOlderLeaderTermAndAppliesOneOfTheCurrentTerm() {
    fsm.apply(3, 1, CommandCodec.encode(new Command.UpsertNode(Nodes.mock("n1"))));
    fsm.apply(3, 2, CommandCodec.encode(new Command.RegisterJob(job("web"), null)));

    assertThatThrownBy(() -> fsm.apply(4, 3, CommandCodec.encode(new Command.LeaderTerm(3, plan("stale")))))
        .isInstanceOf(FsmCommandException.class)
        .hasMessageContaining("leader of term 3 reached the log in term 4");
    assertThat(store.snapshot().allocById("stale")).isEmpty();
    assertThat(store.snapshot().latestIndex()).isEqualTo(2);

    fsm.apply(4, 4, CommandCodec.encode(new Command.LeaderTerm(4, plan("fresh"))));
    assertThat(store.snapshot().allocById("fresh")).isPresent();
    // an entry appended by that leader and committed later (in a later term's entry) keeps its own term
    fsm.apply(4, 5, CommandCodec.encode(new Command.LeaderTerm(4, plan("same-term"))));
    assertThat(store.snapshot().allocById("same-term")).isPresent();
  }

  @Test
  void restoreReplacesTheStateAndStampsEveryTableWithItsIndex() throws IOException {
    fsm.apply(1, 1, CommandCodec.encode(new Command.RegisterJob(job("kept"), null)));
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    fsm.snapshot(saved);
    fsm.apply(1, 2, CommandCodec.encode(new Command.RegisterJob(job("extra"), null)));
    fsm.apply(1, 3, CommandCodec.encode(new Command.UpsertNode(Nodes.mock("n1"))));

    fsm.apply(1, 4, CommandCodec.encode(new Command.RestoreState(gzip(saved.toByteArray()))));
    StateSnapshot s = store.snapshot();
    assertThat(s.jobs()).extracting(Job::id).containsExactly("kept");
    assertThat(s.nodes()).isEmpty();
    assertThat(s.latestIndex()).isEqualTo(4);
    assertThat(s.tableIndex("jobs")).isEqualTo(4);
    assertThat(s.tableIndex("nodes")).as("a table the snapshot lacks").isEqualTo(4);

    assertThatThrownBy(() -> fsm.apply(1, 5, CommandCodec.encode(new Command.RestoreState(gzip(new byte[] {1, 2})))))
        .isInstanceOf(FsmCommandException.class).hasMessageContaining("cannot restore the snapshot");
    assertThat(store.snapshot().jobs()).extracting(Job::id).containsExactly("kept");
  }
}
