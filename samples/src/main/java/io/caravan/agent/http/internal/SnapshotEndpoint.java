package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.caravan.state.server.CaravanServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code /v1/operator/snapshot}: {@code GET} answers the server's whole state in the FSM's snapshot format
 * ({@code application/octet-stream}, its index in {@code X-Nomad-Index}); {@code PUT} restores the body
 * into the whole cluster. The format is Caravan's, not Nomad's archive: a Caravan snapshot restores only
 * into Caravan.
 */
public final class SnapshotEndpoint {
  private final CaravanServer server;

  public SnapshotEndpoint(CaravanServer server) {
    this.server = server;
  }

  /** Serves a save ({@code GET}, answered here) or returns the reply of a restore ({@code PUT}). */
  public @org.jspecify.annotations.Nullable Indexed serve(ApiRequest req) throws IOException {
    Routes.requireMethod(req, "GET", "PUT", "POST");
    HttpExchange ex = req.exchange();
    if (req.method().equals("GET")) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      long index = server.saveSnapshot(buf);
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.getResponseHeaders().set("X-Nomad-Index", Long.toString(index));
      ex.sendResponseHeaders(200, buf.size());
      try (OutputStream out = ex.getResponseBody()) {
        buf.writeTo(out);
      }
      return null;
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    if (body.length == 0) {
      throw ApiException.badRequest("the request body must be a snapshot (from GET /v1/operator/snapshot)");
    }
    long index = server.restoreSnapshot(new ByteArrayInputStream(body));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("Index", index);
    return new Indexed(out, index);
  }
}
