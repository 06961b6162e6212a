package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {

  static final NodeFacts NODE =
      NodeFacts.of(
          "node-1234", "worker-a", "dc1", "eu", "compute", "default",
          Map.of("kernel.name", "linux", "cpu.numcores", "4"),
          Map.of("rack", "r1"));

  static TaskEnvironment.Builder base() {
    return TaskEnvironment.builder()
        .allocId("3f1c9a2e-0000-4000-8000-000000000001")
        .allocIndex(2)
        .jobId("web")
        .groupName("frontend")
        .taskName("server")
        .region("eu")
        .namespace("prod")
        .node(NODE)
        .dirs("/data/a/alloc", "/data/a/server/local", "/data/a/server/secrets");
  }

  @Test
  void setsAllocationJobAndTaskIdentity() {
    Map<String, String> env = base().build().variables();
    assertThat(env)
        .containsEntry("NOMAD_ALLOC_ID", "3f1c9a2e-0000-4000-8000-000000000001")
        .containsEntry("NOMAD_SHORT_ALLOC_ID", "3f1c9a2e")
        .containsEntry("NOMAD_ALLOC_INDEX", "2")
        .containsEntry("NOMAD_ALLOC_NAME", "web.frontend[2]")
        .containsEntry("NOMAD_JOB_ID", "web")
        .containsEntry("NOMAD_JOB_NAME", "web")
        .containsEntry("NOMAD_GROUP_NAME", "frontend")
        .containsEntry("NOMAD_TASK_NAME", "server")
        .containsEntry("NOMAD_REGION", "eu")
        .containsEntry("NOMAD_NAMESPACE", "prod")
        .containsEntry("NOMAD_DC", "dc1")
        .containsEntry("NOMAD_ALLOC_DIR", "/data/a/alloc")
        .containsEntry("NOMAD_TASK_DIR", "/data/a/server/local")
        .containsEntry("NOMAD_SECRETS_DIR", "/data/a/server/secrets")
        .doesNotContainKey("NOMAD_JOB_PARENT_ID");
  }

  @Test
  void isolatedDriversSeeFixedDirectories() {
    Map<String, String> env = base().isolatedDirs().build().variables();
    assertThat(env)
        .containsEntry("NOMAD_ALLOC_DIR", "/alloc")
        .containsEntry("NOMAD_TASK_DIR", "/local")
        .containsEntry("NOMAD_SECRETS_DIR", "/secrets");
  }

  @Test
  void setsResourceLimitsAndMaxOnlyWhenAboveMemory() {
    Resources r = new Resources(500, null, 256, 512, null, null, null, null, null, null);
    assertThat(base().resources(r).build().variables())
        .containsEntry("NOMAD_CPU_LIMIT", "500")
        .containsEntry("NOMAD_MEMORY_LIMIT", "256")
        .containsEntry("NOMAD_MEMORY_MAX_LIMIT", "512");
    Resources noMax = new Resources(100, null, 128, 0, null, null, null, null, null, null);
    assertThat(base().resources(noMax).build().variables())
        .containsEntry("NOMAD_MEMORY_LIMIT", "128")
        .doesNotContainKey("NOMAD_MEMORY_MAX_LIMIT");
  }

  @Test
  void setsPortVariablesForMappedAndUnmappedPorts() {
    Map<String, String> env =
        base()
            .ports(List.of(
                new PortMapping("http", 25000, 8080, "10.0.0.5"),
                new PortMapping("admin-ui", 25001, 0, "10.0.0.5")))
            .build()
            .variables();
    assertThat(env)
        .containsEntry("NOMAD_IP_http", "10.0.0.5")
        .containsEntry("NOMAD_PORT_http", "8080")
        .containsEntry("NOMAD_HOST_PORT_http", "25000")
        .containsEntry("NOMAD_ADDR_http", "10.0.0.5:25000")
        .containsEntry("NOMAD_HOST_ADDR_http", "10.0.0.5:25000")
        .containsEntry("NOMAD_ALLOC_PORT_http", "8080")
        .containsEntry("NOMAD_PORT_admin_ui", "25001")
        .containsEntry("NOMAD_HOST_IP_admin_ui", "10.0.0.5")
        .doesNotContainKey("NOMAD_ALLOC_PORT_admin_ui");
  }

  @Test
  void ipv6AddressesAreBracketed() {
    Map<String, String> env =
        base().ports(List.of(new PortMapping("db", 5432, 0, "fd00::1"))).build().variables();
    assertThat(env).containsEntry("NOMAD_ADDR_db", "[fd00::1]:5432");
  }

  @Test
  void metaLayersMergeTaskOverGroupOverJobInOriginalAndUpperCase() {
    Map<String, String> env =
        base()
            .meta(Map.of("owner", "job-team", "tier", "gold"))
            .meta(Map.of("owner", "group-team"))
            .meta(Map.of("build.id", "77"))
            .build()
            .variables();
    assertThat(env)
        .containsEntry("NOMAD_META_owner", "group-team")
        .containsEntry("NOMAD_META_OWNER", "group-team")
        .containsEntry("NOMAD_META_tier", "gold")
        .containsEntry("NOMAD_META_build_id", "77")
        .containsEntry("NOMAD_META_BUILD_ID", "77");
  }

  @Test
  void taskEnvIsInterpolatedAgainstRuntimeAndNodeVariables() {
    Map<String, String> env =
        base()
            .taskEnv(Map.of(
                "GREETING", "hello from ${NOMAD_TASK_NAME} on ${node.unique.name}",
                "KERNEL", "${attr.kernel.name}",
                "RACK", "${meta.rack}",
                "UNKNOWN", "${nope.x}"))
            .build()
            .variables();
    assertThat(env)
        .containsEntry("GREETING", "hello from server on worker-a")
        .containsEntry("KERNEL", "linux")
        .containsEntry("RACK", "r1")
        .containsEntry("UNKNOWN", "${nope.x}");
  }

  @Test
  void dispatchedChildHasParentId() {
    assertThat(base().parentJobId("batch-parent").build().variables())
        .containsEntry("NOMAD_JOB_PARENT_ID", "batch-parent");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    assertThatThrownBy(() -> TaskEnvironment.builder().allocId("a").jobId("j").groupName("g")
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("taskName");
  }

  @Test
  void asListIsSortedNameValuePairs() {
    List<String> list = base().build().asList();
    assertThat(list).isSorted().contains("NOMAD_TASK_NAME=server");
  }
}
