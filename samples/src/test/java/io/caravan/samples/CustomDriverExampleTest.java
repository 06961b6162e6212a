package io.caravan.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import io.caravan.runtime.driver.TaskDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CustomDriverExampleTest {

  @Test
  void serviceLoaderFindsTheGreetingDriver() {
    assertThat(ServiceLoader.load(TaskDriver.class).stream().map(ServiceLoader.Provider::type))
        .contains(GreetingDriver.class);
    assertThat(CustomDriverExample.greetingDriverOnClassPath()).isTrue();
  }

  @Test
  void aJobOnTheCustomDriverRunsToCompletionAndGreets(@TempDir Path dir) throws Exception {
    CustomDriverExample.Outcome o = CustomDriverExample.run(dir, "caravan", Duration.ofSeconds(20));

    assertThat(o.nodeDrivers()).contains(GreetingDriver.NAME);
    assertThat(o.alloc().clientStatus()).isEqualTo("complete");
    assertThat(o.alloc().taskStates().get("hello").failed()).isFalse();
    assertThat(o.output()).containsExactly("hello, caravan");
  }
}
