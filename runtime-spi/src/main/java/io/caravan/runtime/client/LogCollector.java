package io.caravan.runtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one output stream of a task through a named pipe: the driver writes the task's output
 * to the FIFO (as if it were a log file) and a collector thread copies it into a {@link
 * RotatingLogWriter}, so the logs rotate by {@code max_files} / {@code max_file_size} whatever the
 * driver. The pipe is reopened whenever the task restarts. Linux/Unix only ({@code mkfifo}).
 *
 * <p>Limitation: the collector lives in the client's JVM, so a task that writes while no client
 * is running gets a broken pipe (Nomad avoids this with a separate logmon process).
 */
public final class LogCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LogCollector.class);

  private final Path fifo;
  private final RotatingLogWriter writer;
  private final Thread thread;
  private volatile boolean stopped;

  private LogCollector(Path fifo, RotatingLogWriter writer) {
    this.fifo = fifo;
    this.writer = writer;
    this.thread = new Thread(this::pump, "caravan-logs-" + fifo.getFileName());
    this.thread.setDaemon(true);
  }

  /**
   * Creates the FIFO (if absent) and starts collecting from it into {@code writer}.
   *
   * @throws UncheckedIOException when the FIFO cannot be created (e.g. no {@code mkfifo})
   */
  public static LogCollector start(Path fifo, RotatingLogWriter writer) {
    makeFifo(fifo);
    LogCollector c = new LogCollector(fifo, writer);
    c.thread.start();
    return c;
  }

  /** The pipe the driver should write to. */
  public Path fifo() {
    return fifo;
  }

  static void makeFifo(Path fifo) {
    if (Files.exists(fifo)) {
      return;
    }
    try {
      Files.createDirectories(fifo.getParent());
      Process p = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("mkfifo " + fifo + " failed: " + out.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log pipe " + fifo, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating log pipe " + fifo, e);
    }
  }

  private void pump() {
    byte[] buf = new byte[8192];
    while (!stopped) {
      try (InputStream in = Files.newInputStream(fifo)) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          writer.write(buf, 0, n);
          writer.flush();
        }
      } catch (IOException e) {
        if (!stopped) {
          LOG.warn("log collection from {} failed: {}", fifo, e.getMessage());
          return;
        }
      }
    }
  }

  /** Stops collecting once the writers are gone, and closes the log file. */
  @Override
  public void close() throws IOException {
    stopped = true;
    // Opening read-write never blocks on a FIFO; it wakes a reader blocked in open, then EOF.
    try (RandomAccessFile poke = new RandomAccessFile(fifo.toFile(), "rw")) {
      poke.getFD();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
  }
}
