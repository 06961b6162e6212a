package io.caravan.state.server;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A leader-only call (node register or heartbeat) reached a server that is not the leader, or is closed. */
public final class NotLeaderException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String leaderHint;

  public NotLeaderException(String server, @Nullable String leaderHint) {
    super("server " + server + " is not the leader" + (leaderHint == null ? "" : " (leader: " + leaderHint + ")"));
    this.leaderHint = leaderHint;
  }

  /** The ID of the server this one believes is leader, if it knows one. */
  public Optional<String> leaderHint() {
    return Optional.ofNullable(leaderHint);
  }
}
