package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small client of an agent's HTTP API (JDK {@link HttpClient}); every failure is an {@link ApiError}. */
final class ApiClient {
  private static final ObjectMapper M = new ObjectMapper();

  private final String base;
  private final HttpClient http;

  ApiClient(String address) {
    String a = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    if (!a.startsWith("http://") && !a.startsWith("https://")) {
      a = "http://" + a;
    }
    this.base = a;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A failed call: the agent's status and message, or status 0 when it could not be reached. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** An answer and its {@code X-Nomad-Index}. */
  record Reply(JsonNode body, long index) {}

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(11)).GET().build());
  }

  Reply put(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1)).DELETE().build());
  }

  /** A binary answer and its {@code X-Nomad-Index}. */
  record Bytes(byte[] body, long index) {}

  /** A GET whose answer is binary (a snapshot). */
  Bytes getBytes(String path) {
    HttpRequest req = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5)).GET().build();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw error(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
      }
      return new Bytes(r.body(), r.headers().firstValue("X-Nomad-Index").map(Long::parseLong).orElse(0L));
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  /** A PUT of a binary body (a snapshot). */
  Reply putBytes(String path, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Opens a streaming GET (logs); the caller closes the stream. */
  InputStream stream(String path) {
    HttpRequest req = HttpRequest.newBuilder(uri(path)).GET().build();
    try {
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        try (InputStream in = r.body()) {
          throw error(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return r.body();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  private URI uri(String path) {
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new ApiError(0, "invalid agent address " + base + ": " + e.getMessage());
    }
  }

  private Reply send(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw error(r.statusCode(), r.body());
      }
      long index = r.headers().firstValue("X-Nomad-Index").map(Long::parseLong).orElse(0L);
      return new Reply(r.body().isEmpty() ? M.nullNode() : M.readTree(r.body()), index);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  private ApiError unreachable(IOException e) {
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      return new ApiError(0, "cannot reach the agent at " + base + " (is `caravan agent` running? set -address or "
          + "CARAVAN_ADDR)");
    }
    if (e instanceof HttpTimeoutException) {
      return new ApiError(0, "the agent at " + base + " did not answer in time");
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return new ApiError(0, "the agent at " + base + " answered with malformed JSON: " + e.getMessage());
    }
    return new ApiError(0, "error talking to the agent at " + base + ": " + e.getMessage());
  }

  private static ApiError error(int status, String body) {
    String message = body;
    try {
      JsonNode tree = M.readTree(body);
      if (tree != null && tree.has("Error")) {
        StringBuilder b = new StringBuilder(tree.get("Error").asText());
        if (tree.has("Diagnostics")) {
          tree.get("Diagnostics").forEach(d -> b.append("\n  ").append(d.asText()));
        }
        message = b.toString();
      }
    } catch (IOException e) {
      // not JSON: show the body as it is
    }
    return new ApiError(status, message.isBlank() ? "HTTP " + status : message);
  }
}
