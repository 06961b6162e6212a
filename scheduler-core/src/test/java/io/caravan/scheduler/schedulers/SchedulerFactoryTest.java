package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SchedulerFactoryTest {
  private final InMemoryCluster c = new InMemoryCluster();

  @Test
  void rejectsAnUnknownSchedulerType() {
    assertThatThrownBy(() -> SchedulerFactory.create("_core", c, c, SchedulerConfiguration.serverDefaults(), Clock.systemUTC()))
        .isInstanceOf(SchedulerException.class)
        .hasMessage("unknown scheduler type \"_core\" (expected service, batch, system or sysbatch)");
  }

  @Test
  void createsTheGenericSchedulerForServiceAndBatchJobs() {
    assertThat(SchedulerFactory.create("service", c, c, SchedulerConfiguration.serverDefaults(), Clock.systemUTC()))
        .isInstanceOf(GenericScheduler.class);
    assertThat(SchedulerFactory.create("batch", c, c, SchedulerConfiguration.serverDefaults(), Clock.systemUTC()))
        .isInstanceOf(GenericScheduler.class);
  }

  @Test
  void choosesTheSystemSchedulerForSystemAndSysbatch() {
    assertThat(SchedulerFactory.create("system", c, c, SchedulerConfiguration.serverDefaults(), Clock.systemUTC()))
        .isInstanceOf(SystemScheduler.class);
    assertThat(SchedulerFactory.create("sysbatch", c, c, SchedulerConfiguration.serverDefaults(), Clock.systemUTC()))
        .isInstanceOf(SystemScheduler.class);
  }
}
