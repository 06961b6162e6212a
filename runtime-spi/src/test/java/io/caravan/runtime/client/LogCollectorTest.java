package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LogCollectorTest {

  @TempDir Path dir;

  private static boolean mkfifoAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/mkfifo")) || Files.isExecutable(Path.of("/bin/mkfifo"));
  }

  @Test
  void copiesEveryWriterSessionIntoRotatingFiles() throws Exception {
    Assumptions.assumeTrue(mkfifoAvailable(), "mkfifo is not available on this machine");
    Path fifo = dir.resolve(".web.stdout.fifo");
    RotatingLogWriter writer = new RotatingLogWriter(dir, "web", "stdout", 3, 8);
    LogCollector collector = LogCollector.start(fifo, writer);
    // Two writer sessions, like a task that restarted.
    for (String session : new String[] {"aaaaaaaaaa", "bbbbbbbbbb"}) {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(session.getBytes(StandardCharsets.US_ASCII));
      }
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(dir.resolve("web.stdout.2")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    collector.close();
    String all = Files.readString(dir.resolve("web.stdout.0"))
        + Files.readString(dir.resolve("web.stdout.1"))
        + Files.readString(dir.resolve("web.stdout.2"));
    assertThat(all).isEqualTo("aaaaaaaaaabbbbbbbbbb");
    assertThat(Files.size(dir.resolve("web.stdout.0"))).isEqualTo(8);
  }

  @Test
  void closeReturnsWhenNoWriterEverCame() throws Exception {
    Assumptions.assumeTrue(mkfifoAvailable(), "mkfifo is not available on this machine");
    LogCollector collector = LogCollector.start(dir.resolve(".t.stderr.fifo"),
        new RotatingLogWriter(dir, "t", "stderr", 2, 100));
    collector.close();
    assertThat(dir.resolve("t.stderr.0")).exists().isEmptyFile();
  }
}
