package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CaravanMainTest {

  /** Output and exit code of one in-process run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CaravanMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheJobCommandAndSucceeds() {
    Run r = run("--help");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Usage: caravan").contains("job");
  }

  @Test
  void versionPrintsTheProgramName() {
    Run r = run("--version");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).startsWith("caravan ");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run r = run("--no-such-option");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    Run r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required subcommand");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Run r = run("frobnicate");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("frobnicate");
  }
}
