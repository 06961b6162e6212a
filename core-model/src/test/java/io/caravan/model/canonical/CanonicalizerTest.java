package io.caravan.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.CheckRestart;
import io.caravan.model.job.Job;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.Resources;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.Service;
import io.caravan.model.job.ServiceCheck;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskArtifact;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.Template;
import io.caravan.model.job.UpdateStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nomad's API defaults, one behaviour at a time (independent of the conformance corpus). */
class CanonicalizerTest {

  private static Job canonical(Job.Builder job) {
    return Canonicalizer.canonicalize(job.build());
  }

  private static Job.Builder oneTask(String type, Task.Builder task) {
    return Job.builder("example").type(type).taskGroup(TaskGroup.builder("web").task(task));
  }

  @Test
  void fillsJobLevelDefaults() {
    Job job = Canonicalizer.canonicalize(Job.builder().id("example").build());

    assertThat(job.name()).isEqualTo("example");
    assertThat(job.region()).isEqualTo("global");
    assertThat(job.namespace()).isEqualTo("default");
    assertThat(job.priority()).isEqualTo(50);
    assertThat(job.type()).isEqualTo("service");
    assertThat(job.datacenters()).as("the API leaves datacenters to the server").isNull();
    assertThat(job.update()).isEqualTo(JobDefaults.updateStrategy());
  }

  @Test
  void givesTasksDefaultResourcesAndTimeouts() {
    Job job = canonical(oneTask("service", Task.builder("app").driver("mock")));

    Task task = job.taskGroups().get(0).tasks().get(0);
    assertThat(task.resources().cpu()).isEqualTo(100);
    assertThat(task.resources().memoryMB()).isEqualTo(300);
    assertThat(task.resources().cores()).isZero();
    assertThat(task.killTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(task.logConfig().maxFiles()).isEqualTo(10);
    assertThat(job.taskGroups().get(0).ephemeralDisk().sizeMB()).isEqualTo(300);
    assertThat(job.taskGroups().get(0).count()).isEqualTo(1);
  }

  @Test
  void askingForCoresLeavesCpuAtZero() {
    Job job = canonical(oneTask("service", Task.builder("app").resources(Resources.builder().cores(2))));

    Resources resources = job.taskGroups().get(0).tasks().get(0).resources();
    assertThat(resources.cpu()).isZero();
    assertThat(resources.cores()).isEqualTo(2);
  }

  @Test
  void batchJobsGetBatchRestartAndReschedulePoliciesButNoUpdateOrMigrate() {
    Job job = canonical(oneTask("batch", Task.builder("app")));

    TaskGroup group = job.taskGroups().get(0);
    assertThat(group.restartPolicy())
        .isEqualTo(new RestartPolicy(Duration.ofHours(24), 3, Duration.ofSeconds(15), "fail", false));
    assertThat(group.reschedulePolicy())
        .isEqualTo(new ReschedulePolicy(1, Duration.ofHours(24), Duration.ofSeconds(5), "constant", Duration.ZERO, false));
    assertThat(job.update()).isNull();
    assertThat(group.update()).isNull();
    assertThat(group.migrate()).isNull();
  }

  @Test
  void systemJobsGetNoReschedulePolicy() {
    Job job = canonical(oneTask("system", Task.builder("app")));

    assertThat(job.taskGroups().get(0).reschedulePolicy()).isNull();
    assertThat(job.update()).isNotNull();
  }

  @Test
  void groupUpdateIsMergedOverTheJobs() {
    Job.Builder job =
        Job.builder("example")
            .update(new UpdateStrategy(null, 3, null, null, null, null, null, null, null))
            .taskGroup(
                TaskGroup.builder("web")
                    .update(new UpdateStrategy(null, null, null, null, null, null, 2, null, null))
                    .task(Task.builder("app")));

    UpdateStrategy update = canonical(job).taskGroups().get(0).update();

    assertThat(update.maxParallel()).isEqualTo(3);
    assertThat(update.canary()).isEqualTo(2);
    assertThat(update.healthCheck()).isEqualTo("checks");
  }

  @Test
  void taskRestartPolicyIsMergedOverTheGroups() {
    Job.Builder job =
        Job.builder("example")
            .taskGroup(
                TaskGroup.builder("web")
                    .restartPolicy(new RestartPolicy(null, 5, null, null, null))
                    .task(Task.builder("app").restartPolicy(new RestartPolicy(null, null, Duration.ofSeconds(1), null, null))));

    RestartPolicy restart = canonical(job).taskGroups().get(0).tasks().get(0).restartPolicy();

    assertThat(restart)
        .isEqualTo(new RestartPolicy(Duration.ofMinutes(30), 5, Duration.ofSeconds(1), "fail", false));
  }

  @Test
  void unnamedServicesAreNamedAfterJobGroupAndTask() {
    Job.Builder job =
        Job.builder("shop")
            .taskGroup(
                TaskGroup.builder("web")
                    .service(Service.builder().build())
                    .task(Task.builder("app").service(Service.builder().build())));

    TaskGroup group = canonical(job).taskGroups().get(0);

    assertThat(group.services().get(0).name()).isEqualTo("shop-web");
    assertThat(group.tasks().get(0).services().get(0).name()).isEqualTo("shop-web-app");
    assertThat(group.services().get(0).provider()).isEqualTo("consul");
    assertThat(group.services().get(0).addressMode()).isEqualTo("auto");
  }

  @Test
  void serviceCheckRestartIsMergedIntoChecks() {
    Service service =
        Service.builder()
            .name("api")
            .checkRestart(new CheckRestart(3, null, true))
            .checks(List.of(ServiceCheck.builder().type("tcp").build()))
            .build();
    Job job = canonical(oneTask("service", Task.builder("app").service(service)));

    ServiceCheck check = job.taskGroups().get(0).tasks().get(0).services().get(0).checks().get(0);

    assertThat(check.checkRestart()).isEqualTo(new CheckRestart(3, Duration.ofSeconds(1), true));
    assertThat(check.onUpdate()).isEqualTo("require_healthy");
  }

  @Test
  void fileArtifactsLandInLocalUnderTheirBaseName() {
    TaskArtifact file = TaskArtifact.builder().getterSource("https://example.com/a/b/tool.tgz").getterMode("file").build();
    TaskArtifact any = TaskArtifact.builder().getterSource("https://example.com/x").build();
    Job job = canonical(oneTask("service", Task.builder("app").artifact(file).artifact(any)));

    List<TaskArtifact> artifacts = job.taskGroups().get(0).tasks().get(0).artifacts();

    assertThat(artifacts.get(0).relativeDest()).isEqualTo("local/tool.tgz");
    assertThat(artifacts.get(1).relativeDest()).isEqualTo("local/");
    assertThat(artifacts.get(1).getterMode()).isEqualTo("any");
  }

  @Test
  void signalTemplatesDefaultToSighupAndSignalsAreUpperCased() {
    Template signal = Template.builder().changeMode("signal").build();
    Template lower = Template.builder().changeSignal("sigusr1").build();
    Job job = canonical(oneTask("service", Task.builder("app").template(signal).template(lower)));

    List<Template> templates = job.taskGroups().get(0).tasks().get(0).templates();

    assertThat(templates.get(0).changeSignal()).isEqualTo("SIGHUP");
    assertThat(templates.get(1).changeSignal()).isEqualTo("SIGUSR1");
    assertThat(templates.get(1).changeMode()).isEqualTo("restart");
  }

  @Test
  void doesNotModifyItsInput() {
    Job input = oneTask("service", Task.builder("app")).build();
    Job copy = input.toBuilder().build();

    Canonicalizer.canonicalize(input);

    assertThat(input).isEqualTo(copy);
    assertThat(input.region()).isNull();
  }

  @Test
  void serverDefaultsAddDatacentersAndNodePool() {
    Job job = Canonicalizer.withServerDefaults(Job.builder("example").build());

    assertThat(job.datacenters()).containsExactly("*");
    assertThat(job.nodePool()).isEqualTo("default");
    assertThat(job.region()).isEqualTo("global");
  }

  @Test
  void serverDefaultsKeepNamedDatacentersAndPool() {
    Job job = Canonicalizer.withServerDefaults(Job.builder("example").datacenter("dc2").nodePool("gpu").build());

    assertThat(job.datacenters()).containsExactly("dc2");
    assertThat(job.nodePool()).isEqualTo("gpu");
  }
}
