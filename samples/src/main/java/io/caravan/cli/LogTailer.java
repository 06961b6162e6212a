package io.caravan.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the log files a client writes for a task ({@code alloc/logs/<task>.<stream>.<n>}, rotated
 * by index) and returns the complete lines written since the last call, following rotation to the
 * next file. A line still being written is left in the file until its newline arrives, or until
 * {@link #rest} is asked for it (the task has exited).
 */
final class LogTailer {
  private static final int CHUNK = 1 << 20;

  /** One followed stream of one task. */
  private static final class Cursor {
    Path logs;
    String base;
    int fileIndex;
    long offset;

    Path file(int index) {
      return logs.resolve(base + "." + index);
    }
  }

  private final Map<String, Cursor> cursors = new HashMap<>();

  /**
   * New complete lines of {@code task}'s {@code stream} ({@code stdout} or {@code stderr}) in the
   * allocation directory {@code allocDir}.
   */
  List<String> newLines(Path allocDir, String task, String stream) throws IOException {
    Cursor c = cursors.computeIfAbsent(allocDir + "/" + task + "/" + stream, k -> {
      Cursor n = new Cursor();
      n.logs = allocDir.resolve("alloc").resolve("logs");
      n.base = task + "." + stream;
      return n;
    });
    List<String> out = new ArrayList<>();
    while (true) {
      read(c, out, false);
      if (!Files.exists(c.file(c.fileIndex + 1))) {
        return out;
      }
      // the writer moved on to the next file: what is left in this one is complete
      read(c, out, true);
      c.fileIndex++;
      c.offset = 0;
    }
  }

  /** What every followed stream holds after its last newline (call when the tasks have exited). */
  List<String> rest() throws IOException {
    List<String> out = new ArrayList<>();
    for (Cursor c : cursors.values()) {
      read(c, out, true);
    }
    return out;
  }

  private static void read(Cursor c, List<String> out, boolean toEnd) throws IOException {
    Path file = c.file(c.fileIndex);
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      while (true) {
        long length = raf.length();
        if (length < c.offset) {
          c.offset = 0; // truncated: start over
        }
        if (length == c.offset) {
          return;
        }
        byte[] bytes = new byte[(int) Math.min(length - c.offset, CHUNK)];
        raf.seek(c.offset);
        raf.readFully(bytes);
        int end = bytes.length;
        if (!toEnd && bytes.length < CHUNK) {
          end = lastNewline(bytes) + 1;
          if (end == 0) {
            return; // an unfinished line: wait for its end
          }
        }
        c.offset += end;
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
          out.add(line);
        }
        if (text.endsWith("\n")) {
          out.remove(out.size() - 1); // the empty string after the final newline
        }
      }
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
