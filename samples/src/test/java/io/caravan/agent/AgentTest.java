package io.caravan.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return M.readTree(r.body());
  }

  @Test
  void devAgentRunsAServerAndAClientWithTheReferenceDriversAndCleansUp() throws Exception {
    Path dir;
    try (Agent agent = Agent.start(AgentConfig.devAgent().withHttpPort(0))) {
      dir = agent.dataDir();
      assertThat(dir).isDirectory();
      String url = agent.httpUrl().orElseThrow();
      assertThat(url).startsWith("http://127.0.0.1:");
      JsonNode nodes = get(url + "/v1/nodes");
      assertThat(nodes).hasSize(1);
      assertThat(nodes.get(0).get("Status").asText()).isEqualTo("ready");
      assertThat(nodes.get(0).get("Address").asText()).isEqualTo("127.0.0.1");
      JsonNode drivers = nodes.get(0).get("Drivers");
      assertThat(drivers.has("raw_exec")).isTrue();
      assertThat(drivers.get("raw_exec").get("Detected").asBoolean()).isTrue();
      assertThat(drivers.has("mock_driver") || drivers.has("mock")).isTrue();
      JsonNode node = get(url + "/v1/node/" + nodes.get(0).get("ID").asText());
      assertThat(node.get("Attributes").get("driver.raw_exec").asText()).isEqualTo("1");
      assertThat(get(url + "/v1/status/leader").asText()).isEqualTo("127.0.0.1:4647");
    }
    assertThat(Files.exists(dir)).as("dev directory deleted").isFalse();
  }

  @Test
  void readsAHoconFileOverTheDefaults(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("agent.conf");
    Files.writeString(file, """
        data_dir = "%s"
        ports { http = 5646 }
        server { enabled = true, bootstrap_expect = 3, raft_port = 5647,
                 join = ["127.0.0.1:5647", "127.0.0.1:6647", "127.0.0.1:7647"] }
        client { meta { rack = "r1" } }
        """.formatted(tmp.resolve("data")));
    AgentConfig c = AgentConfig.fromFile(file, false);
    assertThat(c.serverEnabled()).isTrue();
    assertThat(c.clientEnabled()).isFalse();
    assertThat(c.httpPort()).isEqualTo(5646);
    assertThat(c.raftPort()).isEqualTo(5647);
    assertThat(c.bootstrapExpect()).isEqualTo(3);
    assertThat(c.join()).hasSize(3);
    assertThat(c.meta()).containsEntry("rack", "r1");
    assertThat(c.datacenter()).isEqualTo("dc1");
    assertThat(c.dataDir()).contains(tmp.resolve("data"));
  }

  @Test
  void rejectsConfigurationsThatCannotRun() {
    assertThatThrownBy(() -> AgentConfig.fromConfig(ConfigFactory.parseString("server.enabled = true"), false))
        .isInstanceOf(AgentConfigException.class).hasMessageContaining("data_dir");
    assertThatThrownBy(() -> AgentConfig.fromConfig(ConfigFactory.parseString("data_dir = x"), false))
        .hasMessageContaining("server, a client or both");
    assertThatThrownBy(() -> AgentConfig.fromConfig(ConfigFactory.parseString(
        "data_dir = x, client.enabled = true"), false)).hasMessageContaining("client.servers");
    assertThatThrownBy(() -> AgentConfig.fromConfig(ConfigFactory.parseString(
        "data_dir = x, server { enabled = true, join = [\"nohost\"] }"), false)).hasMessageContaining("host:port");
    assertThatThrownBy(() -> AgentConfig.fromConfig(ConfigFactory.parseString(
        "data_dir = x, server { enabled = true, bootstrap_expect = 0 }"), false))
        .hasMessageContaining("bootstrap_expect");
  }

  @Test
  void aClientOnAServerOfSeveralNeedsTheServersHttpAddresses(@TempDir Path tmp) {
    AgentConfig c = AgentConfig.fromConfig(ConfigFactory.parseString("data_dir = \"" + tmp + "\", ports.http = 0,"
        + " client.enabled = true, server { enabled = true, bootstrap_expect = 2, raft_port = 5647,"
        + " join = [\"127.0.0.1:5647\", \"127.0.0.1:5648\"] }"), false);
    assertThatThrownBy(() -> Agent.start(c)).isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("client.servers");
  }

  @Test
  void aServerExpectingMoreServersThanItsJoinListNamesDoesNotStart(@TempDir Path tmp) {
    AgentConfig c = AgentConfig.fromConfig(ConfigFactory.parseString(
        "data_dir = \"" + tmp + "\", ports.http = 0, server { enabled = true, bootstrap_expect = 3 }"), false);
    assertThatThrownBy(() -> Agent.start(c)).isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("3 servers expected");
  }
}
