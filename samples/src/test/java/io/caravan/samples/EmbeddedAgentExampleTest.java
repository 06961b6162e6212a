package io.caravan.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedAgentExampleTest {

  @Test
  void theEmbeddedAgentRunsTheJobShowsItsOutputAndStopsIt(@TempDir Path dir) throws Exception {
    EmbeddedAgentExample.Outcome outcome = EmbeddedAgentExample.run(dir.resolve("client"), Duration.ofSeconds(20));

    assertThat(outcome.statusWhileRunning()).isEqualTo("running");
    assertThat(outcome.output()).containsExactly(EmbeddedAgentExample.GREETING);
    assertThat(outcome.statusAfterStop()).isEqualTo("complete");
    // the node is the embedded client's, which keeps its ID in its data directory
    assertThat(dir.resolve("client").resolve("client-id")).content().contains(outcome.nodeId());
    assertThat(dir.resolve("client").resolve("allocs").resolve(outcome.allocId())).isDirectory();
  }
}
