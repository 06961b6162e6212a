package io.caravan.state.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void referenceConfHoldsEveryDefault() {
    ServerConfig c = ServerConfig.load();
    assertThat(c.dataDir()).isEqualTo(Path.of("caravan-data"));
    assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
    assertThat(c.raftPort()).isEqualTo(4647);
    assertThat(c.bootstrapExpect()).isEqualTo(1);
    assertThat(c.numSchedulers()).isEqualTo(2);
    assertThat(c.schedulerAlgorithm()).isEqualTo("binpack");
    assertThat(c.heartbeat().grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.gc().jobGcThreshold()).isEqualTo(Duration.ofHours(4));
    assertThat(c.raft().transport()).isEqualTo(Transport.GRPC);
    assertThat(c.raft().electionTimeoutMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.raft().electionTimeoutMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.raft().firstElectionTimeoutMin()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.raft().firstElectionTimeoutMax()).isEqualTo(Duration.ofMillis(600));
    assertThat(c.raft().leaderLeaseEnabled()).isFalse();
    assertThat(c.raft().leaderLeaseTimeoutRatio()).isEqualTo(0.9);
    assertThat(c.raft().groupCommit().maxBatch()).isEqualTo(1024);
    assertThat(c.raft().groupCommit().maxBytes()).isEqualTo(1L << 20);
  }

  @Test
  void builderOverridesWinOverDefaults() {
    ServerConfig c = ServerConfig.builder().numSchedulers(4).transport(Transport.NETTY)
        .electionTimeout(Duration.ofMillis(500), Duration.ofMillis(900)).set("gc.eval_gc_threshold", "2h").build();
    assertThat(c.numSchedulers()).isEqualTo(4);
    assertThat(c.raft().transport()).isEqualTo(Transport.NETTY);
    assertThat(c.raft().electionTimeoutMax()).isEqualTo(Duration.ofMillis(900));
    assertThat(c.gc().evalGcThreshold()).isEqualTo(Duration.ofHours(2));
    assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
  }

  @Test
  void hostHoconOverridesDefaults() {
    ServerConfig c = ServerConfig.builder(ConfigFactory.parseString("caravan.server { bootstrap_expect = 3, ports.raft = 9000 }"))
        .build();
    assertThat(c.bootstrapExpect()).isEqualTo(3);
    assertThat(c.raftPort()).isEqualTo(9000);
    assertThat(c.numSchedulers()).isEqualTo(2);
  }

  @Test
  void leaderLeaseIsSetInHocon() {
    ServerConfig c = ServerConfig.builder(ConfigFactory.parseString(
        "caravan.server.raft { election_timeout_min = 2s, election_timeout_max = 4s,"
            + " leader_lease { enabled = true, timeout_ratio = 0.5 } }")).build();
    assertThat(c.raft().electionTimeoutMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.raft().leaderLeaseEnabled()).isTrue();
    assertThat(c.raft().leaderLeaseTimeoutRatio()).isEqualTo(0.5);
    assertThatThrownBy(() -> ServerConfig.builder().set("raft.leader_lease.timeout_ratio", "1.5").build())
        .isInstanceOf(ConfigValueException.class)
        .satisfies(e -> assertThat(((ConfigValueException) e).path())
            .isEqualTo("caravan.server.raft.leader_lease.timeout_ratio"));
  }

  @Test
  void badValuesNameTheirPath() {
    assertThatThrownBy(() -> ServerConfig.builder().schedulerAlgorithm("random").build())
        .isInstanceOf(ConfigValueException.class).hasMessageStartingWith("caravan.server.scheduler_algorithm:");
    assertThatThrownBy(() -> ServerConfig.builder().electionTimeout(Duration.ofMillis(600), Duration.ofMillis(300)).build())
        .isInstanceOf(ConfigValueException.class)
        .satisfies(e -> assertThat(((ConfigValueException) e).path()).isEqualTo("caravan.server.raft.election_timeout_max"));
    assertThatThrownBy(() -> ServerConfig.builder().set("raft.transport", "carrier-pigeon").build())
        .hasMessageContaining("caravan.server.raft.transport");
    assertThatThrownBy(() -> ServerConfig.builder().set("num_schedulers", "many").build())
        .isInstanceOf(ConfigValueException.class).hasMessageContaining("num_schedulers");
  }
}
