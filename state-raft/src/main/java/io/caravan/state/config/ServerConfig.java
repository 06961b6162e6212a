package io.caravan.state.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Typed configuration of one Caravan server, read from the {@code caravan.server} block (defaults in
 * this module's {@code reference.conf}) and overridable with {@link #builder()}.
 */
public record ServerConfig(
    Path dataDir,
    String bindAddr,
    int raftPort,
    int httpPort,
    int bootstrapExpect,
    int numSchedulers,
    String schedulerAlgorithm,
    HeartbeatSettings heartbeat,
    GcSettings gc,
    RaftSettings raft) {

  static final String ROOT = "caravan.server";

  public ServerConfig {
    if (bootstrapExpect < 1) {
      throw new ConfigValueException(ROOT + ".bootstrap_expect", "must be at least 1, got " + bootstrapExpect);
    }
    if (numSchedulers < 0) {
      throw new ConfigValueException(ROOT + ".num_schedulers", "must not be negative, got " + numSchedulers);
    }
    if (!schedulerAlgorithm.equals("binpack") && !schedulerAlgorithm.equals("spread")) {
      throw new ConfigValueException(ROOT + ".scheduler_algorithm",
          "must be \"binpack\" or \"spread\", got \"" + schedulerAlgorithm + "\"");
    }
    if (raftPort < 0 || raftPort > 65535) {
      throw new ConfigValueException(ROOT + ".ports.raft", "must be 0..65535, got " + raftPort);
    }
  }

  /** The defaults from {@code reference.conf} (and {@code application.conf} if the host has one). */
  public static ServerConfig load() {
    return fromConfig(ConfigFactory.load());
  }

  /** Reads {@code caravan.server} from an already loaded config; missing keys are an error naming the path. */
  public static ServerConfig fromConfig(Config root) {
    try {
      Config c = root.getConfig(ROOT);
      Config r = c.getConfig("raft");
      Config gcc = c.getConfig("gc");
      Config hb = c.getConfig("heartbeat");
      Config gcm = r.getConfig("group_commit");
      RaftSettings raft = new RaftSettings(
          transport(r.getString("transport")),
          r.getString("group"),
          r.getDuration("election_timeout_min"),
          r.getDuration("election_timeout_max"),
          r.getDuration("first_election_timeout_min"),
          r.getDuration("first_election_timeout_max"),
          r.getBoolean("leader_lease.enabled"),
          r.getDouble("leader_lease.timeout_ratio"),
          r.getDuration("request_timeout"),
          r.getLong("snapshot_threshold"),
          r.getInt("purge_gap"),
          r.getBytes("segment_size_max"),
          r.getInt("client_retries"),
          r.getDuration("client_retry_sleep"),
          new GroupCommitSettings(gcm.getInt("max_batch"), gcm.getBytes("max_bytes"), gcm.getInt("max_in_flight")));
      GcSettings gc = new GcSettings(
          gcc.getDuration("interval"),
          gcc.getDuration("eval_gc_threshold"),
          gcc.getDuration("batch_eval_gc_threshold"),
          gcc.getDuration("job_gc_threshold"),
          gcc.getDuration("node_gc_threshold"),
          gcc.getDuration("deployment_gc_threshold"));
      HeartbeatSettings heartbeat = new HeartbeatSettings(
          hb.getDuration("grace"), hb.getDuration("min_ttl"), hb.getDouble("max_per_second"), hb.getDuration("failover_ttl"));
      return new ServerConfig(
          Path.of(c.getString("data_dir")),
          c.getString("bind_addr"),
          c.getInt("ports.raft"),
          c.getInt("ports.http"),
          c.getInt("bootstrap_expect"),
          c.getInt("num_schedulers"),
          c.getString("scheduler_algorithm"),
          heartbeat,
          gc,
          raft);
    } catch (ConfigException.Missing | ConfigException.WrongType | ConfigException.BadValue e) {
      throw new ConfigValueException(e.getMessage().contains(ROOT) ? ROOT : ROOT + " (" + e.origin() + ")", e.getMessage());
    }
  }

  private static Transport transport(String value) {
    try {
      return Transport.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigValueException(ROOT + ".raft.transport", "must be \"grpc\" or \"netty\", got \"" + value + "\"");
    }
  }

  /** A builder starting from the defaults (or from a given config) with typed overrides. */
  public static Builder builder() {
    return new Builder(ConfigFactory.load());
  }

  /** A builder starting from {@code base} (which must contain {@code caravan.server}, e.g. via fallback to the defaults). */
  public static Builder builder(Config base) {
    return new Builder(base.withFallback(ConfigFactory.defaultReference()));
  }

  /** Overrides on top of a base config; every value goes through the same parsing and checks as a HOCON file. */
  public static final class Builder {
    private final Config base;
    private final Map<String, Object> overrides = new LinkedHashMap<>();

    private Builder(Config base) {
      this.base = base;
    }

    /** Sets any key below {@code caravan.server}, e.g. {@code set("raft.purge_gap", 64)}. */
    public Builder set(String relativePath, Object value) {
      overrides.put(ROOT + "." + relativePath, value);
      return this;
    }

    public Builder dataDir(Path dir) {
      return set("data_dir", dir.toString());
    }

    public Builder bindAddr(String addr) {
      return set("bind_addr", addr);
    }

    public Builder raftPort(int port) {
      return set("ports.raft", port);
    }

    public Builder bootstrapExpect(int n) {
      return set("bootstrap_expect", n);
    }

    public Builder numSchedulers(int n) {
      return set("num_schedulers", n);
    }

    public Builder schedulerAlgorithm(String algorithm) {
      return set("scheduler_algorithm", algorithm);
    }

    public Builder transport(Transport transport) {
      return set("raft.transport", transport.name().toLowerCase(Locale.ROOT));
    }

    public Builder electionTimeout(Duration min, Duration max) {
      set("raft.election_timeout_min", min.toMillis() + "ms");
      return set("raft.election_timeout_max", max.toMillis() + "ms");
    }

    public Builder snapshotThreshold(long entries) {
      return set("raft.snapshot_threshold", entries);
    }

    public Builder purgeGap(int entries) {
      return set("raft.purge_gap", entries);
    }

    public Builder groupCommit(int maxBatch, int maxInFlight) {
      set("raft.group_commit.max_batch", maxBatch);
      return set("raft.group_commit.max_in_flight", maxInFlight);
    }

    public ServerConfig build() {
      return fromConfig(ConfigFactory.parseMap(overrides, "ServerConfig.Builder").withFallback(base).resolve());
    }
  }
}
