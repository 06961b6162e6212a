package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CaravanMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsThePlacementSummaryOfAScenario() {
    String root = System.getProperty("caravan.repo.root");
    Path base = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath().getParent();
    Run r = run("schedule", base.resolve("scheduler-core/src/test/resources/scenario/distinct-hosts.json").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out().trim()).startsWith("{").contains("\"placed\"").contains("\"blockedEval\"");
  }

  @Test
  void badScenarioIsInvalidInputWithAJsonPath(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"nodes\": 5}");
    Run r = run("schedule", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).startsWith("$");
  }
}
