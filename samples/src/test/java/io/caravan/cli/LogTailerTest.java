package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailerTest {
  @TempDir Path alloc;

  private Path log(String name) throws Exception {
    Path logs = Files.createDirectories(alloc.resolve("alloc/logs"));
    return logs.resolve(name);
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void returnsEachCompleteLineOnceAndHoldsAnUnfinishedOne() throws Exception {
    LogTailer tailer = new LogTailer();
    assertThat(tailer.newLines(alloc, "web", "stdout")).isEmpty();
    Path out = log("web.stdout.0");
    append(out, "one\ntwo\nthr");
    assertThat(tailer.newLines(alloc, "web", "stdout")).containsExactly("one", "two");
    assertThat(tailer.newLines(alloc, "web", "stdout")).isEmpty();
    append(out, "ee\nfour é\n");
    assertThat(tailer.newLines(alloc, "web", "stdout")).containsExactly("three", "four é");
    append(out, "last words");
    assertThat(tailer.rest()).containsExactly("last words");
  }

  @Test
  void followsRotationToTheNextFile() throws Exception {
    LogTailer tailer = new LogTailer();
    append(log("web.stderr.0"), "a\n");
    assertThat(tailer.newLines(alloc, "web", "stderr")).containsExactly("a");
    append(log("web.stderr.0"), "b-without-newline");
    append(log("web.stderr.1"), "c\nd\n");
    assertThat(tailer.newLines(alloc, "web", "stderr")).containsExactly("b-without-newline", "c", "d");
    append(log("web.stderr.1"), "e\n");
    assertThat(tailer.newLines(alloc, "web", "stderr")).containsExactly("e");
  }
}
