package io.caravan.state.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The Ratis adapter applying group-commit entries to the Caravan FSM. */
class FsmStateMachineTest {

  private static TransactionContext entry(FsmStateMachine sm, long index, List<Command> commands) {
    List<byte[]> encoded = new ArrayList<>();
    for (Command c : commands) {
      encoded.add(CommandCodec.encode(c));
    }
    LogEntryProto log = LogEntryProto.newBuilder().setTerm(1).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
            .setLogData(ByteString.copyFrom(BatchCodec.encode(encoded))))
        .build();
    return TransactionContext.newBuilder().setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER)
        .setLogEntry(log).build();
  }

  @Test
  void noReaderSeesAnEntrysIndexBeforeItsLastCommandIsApplied() throws Exception {
    StateStore store = new StateStore(Clock.systemUTC());
    StateFsm fsm = new StateFsm(store);
    FsmStateMachine sm = new FsmStateMachine(fsm);
    // whatever a reader can see while the entry is applied (the listener runs on the applying thread
    // between and after commands), plus what it sees at the end
    List<StateSnapshot> seen = new ArrayList<>();
    List<StateSnapshot> told = new ArrayList<>();
    fsm.setAppliedListener((index, command, after) -> {
      seen.add(store.snapshot());
      told.add(after);
    });
    sm.applyTransaction(entry(sm, 5, List.of(new Command.UpsertNode(Nodes.mock("n1")),
        new Command.UpsertNode(Nodes.mock("n2")), new Command.UpsertNode(Nodes.mock("n3"))))).get();
    seen.add(store.snapshot());

    assertThat(told).hasSize(3);
    for (StateSnapshot s : seen) {
      if (s.latestIndex() >= 5) {
        assertThat(s.nodes()).as("nodes visible at index %d", s.latestIndex()).hasSize(3);
      }
    }
    for (StateSnapshot s : told) {
      assertThat(s.latestIndex()).isEqualTo(5);
      assertThat(s.nodes()).hasSize(3);
    }
  }

  @Test
  void aRejectedCommandInAnEntryLeavesTheOthersApplied() throws Exception {
    StateStore store = new StateStore(Clock.systemUTC());
    FsmStateMachine sm = new FsmStateMachine(new StateFsm(store));
    var reply = sm.applyTransaction(entry(sm, 7, List.of(new Command.UpsertNode(Nodes.mock("n1")),
        new Command.UpdateNodeEligibility("no-such-node", "ineligible"),
        new Command.UpsertNode(Nodes.mock("n2"))))).get();

    List<byte[]> replies = BatchCodec.decode(reply.getContent().asReadOnlyByteBuffer());
    assertThat(replies).extracting(r -> r[0]).containsExactly(BatchCodec.OK, BatchCodec.REJECTED, BatchCodec.OK);
    assertThat(store.snapshot().latestIndex()).isEqualTo(7);
    assertThat(store.snapshot().nodes()).extracting(n -> n.id()).containsExactly("n1", "n2");
  }
}
