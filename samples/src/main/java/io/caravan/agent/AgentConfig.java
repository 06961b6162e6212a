package io.caravan.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settings of a {@code caravan agent}, read from a HOCON file over the defaults in
 * {@code caravan-agent.conf}: a server ({@code server { enabled, bootstrap_expect, raft_port, join }}),
 * a client ({@code client { enabled, servers, datacenter, node_class, node_pool, meta }}), or both.
 *
 * @param dev Nomad's dev mode: loopback, one in-memory server and one client, state in a temporary directory
 * @param dataDir where state is kept (empty in dev mode, where a temporary directory is used)
 * @param join the servers' Raft addresses ({@code host:port})
 * @param clientServers HTTP addresses of servers for a client
 */
public record AgentConfig(
    boolean dev,
    String name,
    Optional<Path> dataDir,
    String bindAddr,
    String region,
    int httpPort,
    boolean serverEnabled,
    int bootstrapExpect,
    int raftPort,
    List<String> join,
    boolean clientEnabled,
    List<String> clientServers,
    String datacenter,
    String nodeClass,
    String nodePool,
    Map<String, String> meta,
    Duration allocPullWait) {

  private static final String DEFAULTS = "caravan-agent.conf";

  /** Copies the collections. */
  public AgentConfig {
    join = List.copyOf(join);
    clientServers = List.copyOf(clientServers);
    meta = Map.copyOf(meta);
  }

  /** The defaults alone. */
  public static Config defaults() {
    return ConfigFactory.parseResources(AgentConfig.class.getClassLoader(), DEFAULTS,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** Reads a HOCON file over the defaults. */
  public static AgentConfig fromFile(Path file, boolean dev) {
    if (!Files.isRegularFile(file)) {
      throw new AgentConfigException("-config", "no such file: " + file);
    }
    Config user;
    try {
      user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new AgentConfigException(file.toString(), e.getMessage());
    }
    return fromConfig(user, dev);
  }

  /** The configuration of a dev agent ({@code caravan agent -dev}) with the default ports. */
  public static AgentConfig devAgent() {
    return fromConfig(ConfigFactory.empty(), true);
  }

  /** Reads {@code config} over the defaults; in dev mode the server and the client are on and bound to loopback. */
  public static AgentConfig fromConfig(Config config, boolean dev) {
    Config c = config.withFallback(defaults()).resolve();
    try {
      String dataDir = c.getString("data_dir");
      boolean server = dev || c.getBoolean("server.enabled");
      boolean client = dev || c.getBoolean("client.enabled");
      if (!server && !client) {
        throw new AgentConfigException("server.enabled / client.enabled", "the agent must run a server, a client or both");
      }
      if (!dev && dataDir.isBlank()) {
        throw new AgentConfigException("data_dir", "must be set (or run with -dev)");
      }
      int http = port(c, "ports.http", true);
      int raft = port(c, "server.raft_port", false);
      int expect = c.getInt("server.bootstrap_expect");
      if (expect < 1) {
        throw new AgentConfigException("server.bootstrap_expect", "must be at least 1, got " + expect);
      }
      List<String> join = c.getStringList("server.join");
      for (String j : join) {
        parseHostPort("server.join", j);
      }
      Map<String, String> meta = new TreeMap<>();
      Config m = c.getConfig("client.meta");
      m.entrySet().forEach(e -> meta.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
      List<String> servers = new ArrayList<>(c.getStringList("client.servers"));
      if (client && !server && servers.isEmpty()) {
        throw new AgentConfigException("client.servers", "a client-only agent needs the HTTP address of a server");
      }
      return new AgentConfig(dev, c.getString("name"), dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir)),
          dev ? "127.0.0.1" : c.getString("bind_addr"), c.getString("region"), http, server, expect, raft, join,
          client, servers, c.getString("client.datacenter"), c.getString("client.node_class"),
          c.getString("client.node_pool"), meta, c.getDuration("client.alloc_pull_wait"));
    } catch (ConfigException e) {
      throw new AgentConfigException(e.origin() == null ? "config" : e.origin().description(), e.getMessage());
    }
  }

  private static int port(Config c, String key, boolean zeroAllowed) {
    int p = c.getInt(key);
    if (p < (zeroAllowed ? 0 : 1) || p > 65535) {
      throw new AgentConfigException(key, "must be a port " + (zeroAllowed ? "0" : "1") + "..65535, got " + p);
    }
    return p;
  }

  /** Splits {@code host:port}. */
  static Map.Entry<String, Integer> parseHostPort(String key, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new AgentConfigException(key, "expected host:port, got \"" + text + "\"");
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new AgentConfigException(key, "port out of range in \"" + text + "\"");
      }
      return Map.entry(text.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new AgentConfigException(key, "expected host:port, got \"" + text + "\"");
    }
  }

  /** This configuration with another HTTP port (e.g. 0 for a free one in tests). */
  public AgentConfig withHttpPort(int port) {
    return new AgentConfig(dev, name, dataDir, bindAddr, region, port, serverEnabled, bootstrapExpect, raftPort, join,
        clientEnabled, clientServers, datacenter, nodeClass, nodePool, meta, allocPullWait);
  }
}
