package io.caravan.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  private final DriverContext context =
      DriverContext.of(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void discoversACustomDriverThroughServiceLoaderAndRunsATaskOnIt() throws Exception {
    PluginRegistry registry = PluginRegistry.discover(context, getClass().getClassLoader());

    TaskDriver driver = registry.requireDriver("echo_test");
    TaskHandle h = driver.start(TaskConfig.builder("alloc1", "say").config("message", "hello")
        .config("exit_code", 4).build());

    assertThat(driver).isInstanceOf(EchoTestDriver.class);
    assertThat(((EchoTestDriver) driver).message("alloc1/say")).isEqualTo("hello");
    assertThat(driver.waitTask(h.taskId()).get()).isEqualTo(ExitResult.code(4));
    assertThat(h.startedAt()).as("the registry initialised the driver with its clock")
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void registersADriverByCodeAndRejectsADuplicateName() {
    PluginRegistry registry = new PluginRegistry(context).register(new EchoTestDriver());

    assertThat(registry.drivers()).containsOnlyKeys("echo_test");
    assertThatThrownBy(() -> registry.register(new EchoTestDriver()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a task driver named 'echo_test' is already registered");
  }

  @Test
  void unknownDriverNameListsTheKnownOnes() {
    PluginRegistry registry = new PluginRegistry(context).register(new EchoTestDriver());

    assertThat(registry.driver("docker")).isEmpty();
    assertThatThrownBy(() -> registry.requireDriver("docker"))
        .hasMessage("no task driver named 'docker'; known drivers: [echo_test]");
  }

  @Test
  void customDriverConfigIsValidatedAgainstItsSchema() {
    TaskDriver driver = new PluginRegistry(context).register(new EchoTestDriver()).requireDriver("echo_test");

    assertThatThrownBy(() -> driver.start(TaskConfig.builder("a", "t").config("message", 5).build()))
        .isInstanceOf(DriverConfigException.class)
        .hasMessage("config.message must be a string but was a number: 5");
  }
}
