package io.caravan.drivers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Builds docker-java clients for an engine address, found like the Docker CLI does ({@code DOCKER_HOST}). */
public final class DockerClients {

  /** The engine address when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private DockerClients() {}

  /** The engine address: the plugin config's {@code endpoint}, else {@code DOCKER_HOST}, else the default socket. */
  public static String host(Map<String, Object> pluginConfig, Map<String, String> environment) {
    Object endpoint = pluginConfig.get("endpoint");
    if (endpoint != null && !endpoint.toString().isBlank()) {
      return endpoint.toString();
    }
    String env = environment.get("DOCKER_HOST");
    return env == null || env.isBlank() ? DEFAULT_HOST : env;
  }

  /** A client for the engine at {@code host} (e.g. {@code unix:///tmp/podman.sock}). */
  public static DockerClient connect(String host) {
    DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host)
        .withDockerTlsVerify(false)
        .build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(URI.create(host))
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(5))
        .build();
    return DockerClientImpl.getInstance(cfg, http);
  }
}
