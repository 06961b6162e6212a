package io.caravan.agent.http.internal;

import java.util.List;

/** A request the API answers with an error status and a JSON body naming what is wrong. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<String> details;

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  /** An error with extra lines, e.g. the jobspec's diagnostics ({@code file:line,col: summary; detail}). */
  public ApiException(int status, String message, List<String> details) {
    super(message);
    this.status = status;
    this.details = List.copyOf(details);
  }

  public int status() {
    return status;
  }

  public List<String> details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
