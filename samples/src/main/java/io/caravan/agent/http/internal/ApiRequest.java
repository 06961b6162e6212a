package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.runtime.driver.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP API request: method, path below {@code /v1/}, query parameters and body. */
public final class ApiRequest {
  /** Nomad's default wait of a blocking query when only {@code index} is given. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
  /** Nomad's longest blocking query. */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final HttpExchange exchange;
  private final String method;
  private final List<String> segments;
  private final Map<String, String> query;

  public ApiRequest(HttpExchange exchange) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String rest = path.startsWith("/v1/") ? path.substring(4) : path;
    this.segments = Arrays.stream(rest.split("/", -1))
        .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  public HttpExchange exchange() {
    return exchange;
  }

  public String method() {
    return method;
  }

  /** The path below {@code /v1/} split at slashes, e.g. {@code [job, example, allocations]}. */
  public List<String> segments() {
    return segments;
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** A boolean query parameter: present without a value, or {@code true}/{@code 1}, is true. */
  public boolean flag(String name) {
    String v = query.get(name);
    if (v == null) {
      return false;
    }
    return switch (v) {
      case "", "true", "1", "True", "TRUE" -> true;
      case "false", "0", "False", "FALSE" -> false;
      default -> throw ApiException.badRequest("query parameter " + name + " must be true or false, got \"" + v + "\"");
    };
  }

  /** The namespace asked for ({@code default} when none; {@code *} means all). */
  public String namespace() {
    String ns = query.get("namespace");
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  /** The {@code index} of a blocking query (0 when absent: answer at once). */
  public long minIndex() {
    String v = query.get("index");
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw ApiException.badRequest("index must not be negative, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("index must be a whole number, got \"" + v + "\"");
    }
  }

  /** The {@code wait} of a blocking query (Go duration; Nomad's 5 minutes by default, at most 10). */
  public Duration maxWait() {
    String v = query.get("wait");
    if (v == null || v.isEmpty()) {
      return DEFAULT_WAIT;
    }
    Duration d;
    try {
      d = Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("wait: " + e.getMessage());
    }
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }

  /** The body as text. */
  public String body() {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  /** The body as a JSON object; 400 when it is empty, malformed or not an object. */
  public JsonNode jsonBody() {
    String text = body();
    if (text.isBlank()) {
      throw ApiException.badRequest("the request body is empty; expected a JSON object");
    }
    JsonNode tree;
    try {
      tree = NomadJson.lenient().parseTree(text);
    } catch (ModelJsonException e) {
      throw ApiException.badRequest("malformed JSON in the request body: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return tree;
  }

  /** The body as a JSON object, or an empty object when there is no body. */
  public JsonNode optionalJsonBody() {
    String text = body();
    if (text.isBlank()) {
      return NomadJson.lenient().parseTree("{}");
    }
    JsonNode tree;
    try {
      tree = NomadJson.lenient().parseTree(text);
    } catch (ModelJsonException e) {
      throw ApiException.badRequest("malformed JSON in the request body: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return tree;
  }
}
