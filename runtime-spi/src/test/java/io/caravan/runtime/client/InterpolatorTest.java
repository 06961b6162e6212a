package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {

  private final Interpolator interpolator =
      new Interpolator(
          Map.of("NOMAD_PORT_http", "8080", "NOMAD_TASK_DIR", "/local", "DOLLAR", "$1\\x"),
          TaskEnvironmentTest.NODE.interpolationVariables());

  @Test
  void replacesEnvAndNodeReferencesInArgs() {
    assertThat(interpolator.interpolate(List.of(
            "--port=${NOMAD_PORT_http}", "${NOMAD_TASK_DIR}/conf", "${node.datacenter}",
            "${node.unique.id}", "${node.class}", "${node.pool}", "${node.region}")))
        .containsExactly("--port=8080", "/local/conf", "dc1", "node-1234", "compute", "default",
            "eu");
  }

  @Test
  void leavesUnknownReferencesAndPlainDollarsAlone() {
    assertThat(interpolator.interpolate("${missing} $HOME ${ and ${attr.kernel.name}"))
        .isEqualTo("${missing} $HOME ${ and linux");
  }

  @Test
  void replacementValuesAreTakenLiterally() {
    assertThat(interpolator.interpolate("x${DOLLAR}y")).isEqualTo("x$1\\xy");
  }

  @Test
  void interpolatesNestedDriverConfigKeepingOtherValues() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("command", "${NOMAD_TASK_DIR}/bin/run");
    config.put("args", List.of("-p", "${NOMAD_PORT_http}", 3));
    config.put("mounts", List.of(Map.of("target", "/m/${meta.rack}")));
    config.put("privileged", false);
    Map<String, Object> out = interpolator.interpolateConfig(config);
    assertThat(out.keySet()).containsExactly("command", "args", "mounts", "privileged");
    assertThat(out)
        .containsEntry("command", "/local/bin/run")
        .containsEntry("args", List.of("-p", "8080", 3))
        .containsEntry("mounts", List.of(Map.of("target", "/m/r1")))
        .containsEntry("privileged", false);
  }
}
