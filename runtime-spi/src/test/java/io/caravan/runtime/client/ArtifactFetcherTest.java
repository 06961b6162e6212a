package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.caravan.model.job.TaskArtifact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {

  @TempDir Path dir;

  private final ArtifactFetcher fetcher = ArtifactFetcher.withDefaultClient();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static TaskArtifact artifact(String source, Map<String, String> options, String dest) {
    return TaskArtifact.builder().getterSource(source).getterOptions(options).relativeDest(dest).build();
  }

  @Test
  void copiesFileUrlIntoLocalAndVerifiesChecksum() throws Exception {
    byte[] data = "hello artifact".getBytes(StandardCharsets.UTF_8);
    Path src = Files.write(dir.resolve("app.bin"), data);
    Path taskDir = dir.resolve("task");
    Path out = fetcher.fetch(
        artifact(src.toUri().toString(), Map.of("checksum", "sha256:" + sha256(data)), null),
        taskDir, "task \"web\"");
    assertThat(out).isEqualTo(taskDir.resolve("local/app.bin")).hasBinaryContent(data);
  }

  @Test
  void checksumMismatchIsAnErrorAndLeavesNoFile() throws Exception {
    Path src = Files.writeString(dir.resolve("app.bin"), "tampered");
    Path taskDir = dir.resolve("task");
    assertThatThrownBy(() -> fetcher.fetch(
            artifact(src.toString(), Map.of("checksum", "sha256:" + "0".repeat(64)), null),
            taskDir, "task \"web\""))
        .isInstanceOf(TaskSetupException.class)
        .hasMessageContaining("task \"web\" > artifact")
        .hasMessageContaining("sha256 mismatch");
    try (var files = Files.list(taskDir.resolve("local"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void downloadsOverHttpToCustomDestination() throws Exception {
    byte[] data = "served over http".getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/tool.sh", ex -> {
      ex.sendResponseHeaders(200, data.length);
      ex.getResponseBody().write(data);
      ex.close();
    });
    server.createContext("/missing", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path taskDir = dir.resolve("task");
    Path out = fetcher.fetch(artifact(base + "/files/tool.sh",
        Map.of("checksum", "sha256:" + sha256(data)), "local/bin"), taskDir, "t");
    assertThat(out).isEqualTo(taskDir.resolve("local/bin/tool.sh")).hasBinaryContent(data);
    assertThatThrownBy(() -> fetcher.fetch(artifact(base + "/missing", Map.of(), null), taskDir, "t"))
        .hasMessageContaining("HTTP status 404");
  }

  @Test
  void rejectsUnknownSchemesAndChecksumTypes() throws Exception {
    Path src = Files.writeString(dir.resolve("a.txt"), "x");
    assertThatThrownBy(() -> fetcher.fetch(artifact("ftp://h/a.txt", Map.of(), null), dir, "t"))
        .hasMessageContaining("unsupported scheme \"ftp\"");
    assertThatThrownBy(() -> fetcher.fetch(
            artifact(src.toString(), Map.of("checksum", "crc32:00"), null), dir, "t"))
        .hasMessageContaining("unsupported type \"crc32\"");
  }
}
