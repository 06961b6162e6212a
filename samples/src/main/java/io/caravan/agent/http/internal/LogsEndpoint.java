package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.json.NomadJson;
import io.caravan.state.server.CaravanServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code GET /v1/client/fs/logs/:alloc}: a task's stdout or stderr read from the local client's
 * allocation directory ({@code <alloc dir>/alloc/logs/<task>.<type>.<n>}, rotated files in order),
 * from {@code offset} bytes after the start or before the end ({@code origin}), following new output
 * with {@code follow=true} until the allocation is terminal. {@code plain=true} streams the bytes;
 * otherwise Nomad's frames {@code {"Offset","Data"(base64),"File","FileEvent"}}.
 */
public final class LogsEndpoint {
  private static final NomadJson JSON = NomadJson.lenient();
  private static final long POLL_MILLIS = 200;
  private static final int CHUNK = 64 * 1024;

  private final CaravanServer server;
  private final Optional<Function<String, Path>> allocDirs;

  /** @param allocDirs the local client's directory of an allocation by ID; empty when this agent runs no client */
  public LogsEndpoint(CaravanServer server, Optional<Function<String, Path>> allocDirs) {
    this.server = server;
    this.allocDirs = allocDirs;
  }

  /** Answers the request itself (it streams); returns nothing for the router to write. */
  public void serve(ApiRequest req, String allocId) throws IOException {
    Routes.requireMethod(req, "GET");
    Allocation alloc = server.snapshot().allocById(allocId)
        .orElseThrow(() -> ApiException.notFound("alloc not found: " + allocId));
    String task = req.param("task").orElse("");
    if (task.isEmpty()) {
      throw ApiException.badRequest("must provide task name (?task=)");
    }
    String type = req.param("type").orElse("");
    if (!type.equals("stdout") && !type.equals("stderr")) {
      throw ApiException.badRequest("type must be \"stdout\" or \"stderr\", got \"" + type + "\"");
    }
    String origin = req.param("origin").orElse("start");
    if (!origin.equals("start") && !origin.equals("end")) {
      throw ApiException.badRequest("origin must be \"start\" or \"end\", got \"" + origin + "\"");
    }
    long offset;
    try {
      offset = Long.parseLong(req.param("offset").orElse("0"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset must be a whole number of bytes");
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset must not be negative");
    }
    boolean follow = req.flag("follow");
    boolean plain = req.flag("plain");
    if (alloc.job() != null && alloc.job().taskGroups() != null && alloc.job().taskGroups().stream()
        .filter(g -> alloc.taskGroup().equals(g.name()))
        .noneMatch(g -> g.tasks() != null && g.tasks().stream().anyMatch(t -> task.equals(t.name())))) {
      throw ApiException.notFound("unknown task name \"" + task + "\" in allocation " + allocId);
    }
    if (allocDirs.isEmpty()) {
      throw new ApiException(501, "this agent runs no client; read the logs from the agent of node "
          + alloc.nodeName() + " (" + alloc.nodeID() + ")");
    }
    Path logs;
    try {
      logs = allocDirs.get().apply(allocId).resolve("alloc").resolve("logs");
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid allocation ID: " + e.getMessage());
    }
    if (!Files.isDirectory(logs)) {
      throw ApiException.notFound("allocation " + allocId + " has no log directory on this agent (node "
          + alloc.nodeName() + ")");
    }
    stream(req.exchange(), logs, task + "." + type, offset, origin.equals("end"), follow, plain, allocId);
  }

  private record LogFile(int index, Path path, long size) {}

  private static List<LogFile> files(Path dir, String base) throws IOException {
    Pattern p = Pattern.compile(Pattern.quote(base) + "\\.(\\d+)");
    List<LogFile> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (m.matches()) {
          out.add(new LogFile(Integer.parseInt(m.group(1)), f, Files.size(f)));
        }
      }
    }
    out.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return out;
  }

  private void stream(HttpExchange ex, Path dir, String base, long offset, boolean fromEnd, boolean follow,
      boolean plain, String allocId) throws IOException {
    List<LogFile> files = files(dir, base);
    long total = files.stream().mapToLong(LogFile::size).sum();
    long position = fromEnd ? Math.max(0, total - offset) : Math.min(offset, total);
    ex.getResponseHeaders().set("Content-Type", plain ? "text/plain; charset=utf-8" : "application/json");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      boolean lastRound = false;
      while (true) {
        long written = copyFrom(files(dir, base), position, out, plain);
        position += written;
        out.flush();
        if (!follow || (lastRound && written == 0)) {
          return;
        }
        Optional<Allocation> a = server.snapshot().allocById(allocId);
        lastRound = a.isEmpty() || a.get().terminal();
        if (written == 0 && !lastRound) {
          try {
            Thread.sleep(POLL_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Writes everything after absolute position {@code from} of the concatenated files; returns the bytes written. */
  private static long copyFrom(List<LogFile> files, long from, OutputStream out, boolean plain) throws IOException {
    long start = 0;
    long written = 0;
    for (LogFile f : files) {
      long end = start + f.size();
      if (end > from + written) {
        long local = from + written - start;
        try (RandomAccessFile raf = new RandomAccessFile(f.path().toFile(), "r")) {
          raf.seek(local);
          byte[] buf = new byte[CHUNK];
          long left = f.size() - local;
          while (left > 0) {
            int n = raf.read(buf, 0, (int) Math.min(buf.length, left));
            if (n <= 0) {
              break;
            }
            if (plain) {
              out.write(buf, 0, n);
            } else {
              ObjectNode frame = JsonNodeFactory.instance.objectNode();
              frame.put("Offset", local + n);
              frame.put("Data", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf, n)));
              frame.put("File", "alloc/logs/" + f.path().getFileName());
              frame.put("FileEvent", "");
              out.write(JSON.write(frame).getBytes(StandardCharsets.UTF_8));
            }
            local += n;
            left -= n;
            written += n;
          }
        }
      }
      start = end;
    }
    return written;
  }
}
