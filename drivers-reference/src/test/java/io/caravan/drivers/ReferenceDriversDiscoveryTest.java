package io.caravan.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.drivers.docker.DockerDriver;
import io.caravan.drivers.exec.ExecDriver;
import io.caravan.drivers.java.JavaDriver;
import io.caravan.drivers.mock.MockDriver;
import io.caravan.drivers.mock.MockShortNameDriver;
import io.caravan.drivers.rawexec.RawExecDriver;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.plugin.PluginRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ReferenceDriversDiscoveryTest {

  @Test
  void everyReferenceDriverIsFoundThroughServiceLoader() {
    try (PluginRegistry registry = PluginRegistry.discover(DriverContext.of(Clock.systemUTC()),
        getClass().getClassLoader())) {

      assertThat(registry.drivers()).containsOnlyKeys("docker", "exec", "java", "mock", "mock_driver", "raw_exec");
      assertThat(registry.requireDriver("raw_exec")).isInstanceOf(RawExecDriver.class);
      assertThat(registry.requireDriver("exec")).isInstanceOf(ExecDriver.class);
      assertThat(registry.requireDriver("java")).isInstanceOf(JavaDriver.class);
      assertThat(registry.requireDriver("docker")).isInstanceOf(DockerDriver.class);
      assertThat(registry.requireDriver("mock_driver")).isInstanceOf(MockDriver.class);
      assertThat(registry.requireDriver("mock")).isInstanceOf(MockShortNameDriver.class);
      assertThat(registry.requireDriver("mock").fingerprint().attributes()).containsKey("driver.mock");
    }
  }
}
