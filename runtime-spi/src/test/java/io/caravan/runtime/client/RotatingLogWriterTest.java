package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogWriterTest {

  @TempDir Path dir;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void rotatesAtMaxSizeAndKeepsOnlyMaxFiles() throws Exception {
    try (RotatingLogWriter w = new RotatingLogWriter(dir, "web", "stdout", 3, 10)) {
      for (int i = 0; i < 5; i++) {
        w.write(ascii("line-" + i + "-xx\n")); // 10 bytes each
      }
      w.flush();
      assertThat(w.currentIndex()).isEqualTo(4);
    }
    assertThat(dir.resolve("web.stdout.0")).doesNotExist();
    assertThat(dir.resolve("web.stdout.1")).doesNotExist();
    assertThat(dir.resolve("web.stdout.2")).hasContent("line-2-xx");
    assertThat(dir.resolve("web.stdout.3")).hasContent("line-3-xx");
    assertThat(dir.resolve("web.stdout.4")).hasContent("line-4-xx");
  }

  @Test
  void splitsLargeWritesAcrossFilesWithoutLosingBytes() throws Exception {
    long seed = 11;
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder all = new StringBuilder();
    try (RotatingLogWriter w = new RotatingLogWriter(dir, "t", "stderr", 1000, 7)) {
      for (int i = 0; i < 50; i++) {
        String s = "x".repeat(random.nextInt(20)) + i;
        all.append(s);
        w.write(ascii(s));
      }
    }
    StringBuilder read = new StringBuilder();
    for (int i = 0; Files.exists(dir.resolve("t.stderr." + i)); i++) {
      String part = Files.readString(dir.resolve("t.stderr." + i));
      assertThat(part.length()).as("seed %d file %d", seed, i).isLessThanOrEqualTo(7);
      read.append(part);
    }
    assertThat(read.toString()).as("seed %d", seed).isEqualTo(all.toString());
  }

  @Test
  void continuesInHighestExistingFileAfterRestart() throws Exception {
    try (RotatingLogWriter w = new RotatingLogWriter(dir, "web", "stdout", 5, 8)) {
      w.write(ascii("12345678abc"));
    }
    try (RotatingLogWriter w = new RotatingLogWriter(dir, "web", "stdout", 5, 8)) {
      assertThat(w.currentIndex()).isEqualTo(1);
      w.write(ascii("defgh"));
    }
    assertThat(dir.resolve("web.stdout.0")).hasContent("12345678");
    assertThat(dir.resolve("web.stdout.1")).hasContent("abcdefgh");
  }

  @Test
  void otherTasksFilesAreNotTouched() throws Exception {
    Files.writeString(dir.resolve("webx.stdout.0"), "keep");
    try (RotatingLogWriter w = new RotatingLogWriter(dir, "web", "stdout", 1, 2)) {
      w.write(ascii("abcdef"));
    }
    assertThat(dir.resolve("webx.stdout.0")).hasContent("keep");
    assertThat(dir.resolve("web.stdout.2")).hasContent("ef");
    assertThat(dir.resolve("web.stdout.1")).doesNotExist();
  }

  @Test
  void rejectsNonsenseLimits() {
    assertThatThrownBy(() -> new RotatingLogWriter(dir, "a", "stdout", 0, 10))
        .hasMessageContaining("max_files");
    assertThatThrownBy(() -> new RotatingLogWriter(dir, "a", "stdout", 1, 0))
        .hasMessageContaining("max_file_size");
  }
}
