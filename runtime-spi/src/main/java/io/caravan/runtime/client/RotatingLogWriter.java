package io.caravan.runtime.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one stream of a task's output to {@code <dir>/<task>.<stream>.N}, as Nomad's log
 * collector does: when the current file reaches {@code maxFileSize} bytes a new file with the next
 * index is started, and only the newest {@code maxFiles} files are kept. After a client restart it
 * continues in the highest existing index.
 *
 * <p>Thread-safe for concurrent writers; a write larger than the free space is split across files.
 */
public final class RotatingLogWriter extends OutputStream {

  private final Path dir;
  private final String baseName;
  private final int maxFiles;
  private final long maxFileSize;
  private final Pattern indexPattern;

  private int index;
  private long size;
  private OutputStream current;

  /**
   * Opens a writer.
   *
   * @param dir the log directory ({@code alloc/logs})
   * @param taskName the task's name
   * @param stream {@code stdout} or {@code stderr}
   * @param maxFiles how many files to keep (at least 1)
   * @param maxFileSize the size in bytes at which a file is rotated (at least 1)
   */
  public RotatingLogWriter(Path dir, String taskName, String stream, int maxFiles, long maxFileSize)
      throws IOException {
    if (maxFiles < 1) {
      throw new IllegalArgumentException("logs.max_files must be at least 1, was " + maxFiles);
    }
    if (maxFileSize < 1) {
      throw new IllegalArgumentException(
          "logs.max_file_size must be at least 1 byte, was " + maxFileSize);
    }
    this.dir = Objects.requireNonNull(dir, "dir");
    this.baseName = taskName + "." + stream;
    this.maxFiles = maxFiles;
    this.maxFileSize = maxFileSize;
    this.indexPattern = Pattern.compile(Pattern.quote(baseName) + "\\.(\\d+)");
    Files.createDirectories(dir);
    List<Integer> existing = existingIndexes();
    this.index = existing.isEmpty() ? 0 : existing.get(existing.size() - 1);
    Path path = pathOf(index);
    this.size = Files.exists(path) ? Files.size(path) : 0;
    this.current = open(path);
  }

  /** Creates a writer from Nomad's {@code logs} block values (file size in megabytes). */
  public static RotatingLogWriter fromLogConfig(
      Path dir, String taskName, String stream, int maxFiles, int maxFileSizeMb)
      throws IOException {
    return new RotatingLogWriter(dir, taskName, stream, maxFiles, maxFileSizeMb * 1024L * 1024L);
  }

  /** The path of the file with the given index. */
  public Path pathOf(int fileIndex) {
    return dir.resolve(baseName + "." + fileIndex);
  }

  /** The index of the file currently written. */
  public synchronized int currentIndex() {
    return index;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      if (size >= maxFileSize) {
        rotate();
      }
      int chunk = (int) Math.min(len, maxFileSize - size);
      current.write(b, off, chunk);
      size += chunk;
      off += chunk;
      len -= chunk;
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    current.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    current.close();
  }

  private void rotate() throws IOException {
    current.close();
    index++;
    size = 0;
    current = open(pathOf(index));
    for (int old : existingIndexes()) {
      if (old <= index - maxFiles) {
        Files.deleteIfExists(pathOf(old));
      }
    }
  }

  private OutputStream open(Path path) throws IOException {
    return Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private List<Integer> existingIndexes() throws IOException {
    List<Integer> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = indexPattern.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    out.sort(null);
    return out;
  }
}
