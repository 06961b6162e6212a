package io.caravan.runtime.client;

import io.caravan.model.job.TaskArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Downloads a task's {@code artifact} blocks into its directory (default destination {@code
 * local/}) from {@code file:} URLs, plain absolute paths, or {@code http(s)://} URLs, and verifies
 * {@code options { checksum = "sha256:<hex>" }} (md5, sha1, sha256 and sha512 are accepted).
 * Archives are stored as downloaded (not unpacked).
 */
public final class ArtifactFetcher {

  private final HttpClient http;

  /** Creates a fetcher using the given HTTP client. */
  public ArtifactFetcher(HttpClient http) {
    this.http = http;
  }

  /** Creates a fetcher with a default HTTP client (10 s connect timeout, follows redirects). */
  public static ArtifactFetcher withDefaultClient() {
    return new ArtifactFetcher(HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build());
  }

  /**
   * Fetches one artifact.
   *
   * @param artifact the block
   * @param taskDir the task's directory
   * @param where names the task in errors
   * @return the downloaded file
   */
  public Path fetch(TaskArtifact artifact, Path taskDir, String where) {
    String source = artifact.getterSource();
    if (source == null || source.isEmpty()) {
      throw new TaskSetupException(where + " > artifact: source is required");
    }
    String at = where + " > artifact \"" + source + "\"";
    String rel = artifact.relativeDest() == null || artifact.relativeDest().isEmpty()
        ? "local/" : artifact.relativeDest();
    Path destDir = TemplateRenderer.within(taskDir, rel, at + " > destination");
    URI uri = source.startsWith("/") ? Path.of(source).toUri() : URI.create(source);
    String name = fileName(uri, at);
    Path target = destDir.resolve(name);
    try {
      Files.createDirectories(destDir);
      Path tmp = Files.createTempFile(destDir, "." + name, ".part");
      try {
        download(uri, artifact.getterHeaders(), tmp, at);
        verify(tmp, artifact.getterOptions(), at);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new TaskSetupException(at + ": " + e.getMessage(), e);
    }
    return target;
  }

  private static String fileName(URI uri, String at) {
    String path = uri.getPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      throw new TaskSetupException(at + ": the URL names no file");
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private void download(URI uri, Map<String, String> headers, Path to, String at)
      throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> Files.copy(Path.of(uri), to, StandardCopyOption.REPLACE_EXISTING);
      case "http", "https" -> {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
        if (headers != null) {
          headers.forEach(req::header);
        }
        HttpResponse<InputStream> resp;
        try {
          resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TaskSetupException(at + ": interrupted while downloading", e);
        }
        try (InputStream body = resp.body()) {
          if (resp.statusCode() / 100 != 2) {
            throw new TaskSetupException(at + ": HTTP status " + resp.statusCode());
          }
          Files.copy(body, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      default -> throw new TaskSetupException(at + ": unsupported scheme \"" + scheme
          + "\" (supported: file, http, https)");
    }
  }

  private static void verify(Path file, Map<String, String> options, String at)
      throws IOException {
    String checksum = options == null ? null : options.get("checksum");
    if (checksum == null || checksum.isEmpty()) {
      return;
    }
    int colon = checksum.indexOf(':');
    if (colon < 0) {
      throw new TaskSetupException(at + " > options.checksum: expected \"<type>:<hex>\", got \""
          + checksum + "\"");
    }
    String type = checksum.substring(0, colon).toLowerCase(Locale.ROOT);
    String expected = checksum.substring(colon + 1).toLowerCase(Locale.ROOT);
    String algorithm = switch (type) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> throw new TaskSetupException(at + " > options.checksum: unsupported type \""
          + type + "\"");
    };
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new TaskSetupException(at + ": " + algorithm + " is not available", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        digest.update(buf, 0, n);
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(expected)) {
      throw new TaskSetupException(at + " > options.checksum: " + type + " mismatch, expected "
          + expected + " but the file has " + actual);
    }
  }
}
