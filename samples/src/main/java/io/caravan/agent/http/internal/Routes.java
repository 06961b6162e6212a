package io.caravan.agent.http.internal;

import java.util.Arrays;

/** Method checks shared by the endpoints (a wrong method is a 405 naming the allowed ones). */
public final class Routes {
  private Routes() {}

  public static ApiException methodNotAllowed(ApiRequest req, String allowed) {
    req.exchange().getResponseHeaders().set("Allow", allowed);
    return new ApiException(405, "method " + req.method() + " not allowed on /v1/" + String.join("/", req.segments())
        + "; allowed: " + allowed);
  }

  public static void requireMethod(ApiRequest req, String... allowed) {
    if (!Arrays.asList(allowed).contains(req.method())) {
      throw methodNotAllowed(req, String.join(", ", allowed));
    }
  }
}
