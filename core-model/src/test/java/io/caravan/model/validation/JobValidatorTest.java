package io.caravan.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.Service;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeMount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobValidatorTest {

  private static Task.Builder app() {
    return Task.builder("app").driver("mock").resources(Resources.builder().cpu(100).memoryMB(64));
  }

  private static TaskGroup.Builder web() {
    return TaskGroup.builder("web").count(1).task(app());
  }

  private static Job.Builder job() {
    return Job.builder("example").type("service").datacenter("dc1").taskGroup(web());
  }

  private static List<String> problems(Job.Builder job) {
    return JobValidator.validate(job.build()).messages();
  }

  @Test
  void acceptsAMinimalJob() {
    ValidationReport report = JobValidator.validate(job().build());

    assertThat(report.isValid()).as(report.toString()).isTrue();
  }

  @Test
  void reportsMissingDriverWithTaskPath() {
    Job.Builder job = job().taskGroups(List.of(web().tasks(List.of(app().driver("").build())).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > task \"app\" > driver: must be set");
  }

  @Test
  void reportsNegativeCount() {
    Job.Builder job = job().taskGroups(List.of(web().count(-2).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > count: must not be negative (got -2)");
  }

  @Test
  void reportsDuplicateTaskNames() {
    Job.Builder job = job().taskGroups(List.of(web().task(app()).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > task \"app\": duplicate task name (tasks 0 and 1)");
  }

  @Test
  void reportsDuplicateGroupNames() {
    Job.Builder job = job().taskGroup(web());

    assertThat(problems(job)).containsExactly("group \"web\": duplicate group name (groups 0 and 1)");
  }

  @Test
  void reportsUnknownJobType() {
    assertThat(problems(job().type("daemon")))
        .containsExactly("type: unknown job type \"daemon\", must be one of service, batch, system, sysbatch");
  }

  @Test
  void reportsServicePortLabelNotDefinedInAnyNetwork() {
    NetworkResource network =
        NetworkResource.builder().mode("bridge").dynamicPorts(List.of(new Port("http", 0, 8080, "", false))).build();
    Service service = Service.builder().name("api").portLabel("htp").build();
    Job.Builder job = job().taskGroups(List.of(web().network(network).service(service).build()));

    assertThat(problems(job))
        .containsExactly("group \"web\" > service \"api\" > port: port label \"htp\" is not defined in any network of group \"web\"");
  }

  @Test
  void acceptsServicePortLabelDefinedInGroupNetwork() {
    NetworkResource network =
        NetworkResource.builder().mode("bridge").dynamicPorts(List.of(new Port("http", 0, 8080, "", false))).build();
    Service service = Service.builder().name("api").portLabel("http").build();
    Job.Builder job = job().taskGroups(List.of(web().network(network).service(service).build()));

    assertThat(problems(job)).isEmpty();
  }

  @Test
  void reportsSpreadTargetsOver100Percent() {
    Spread spread =
        new Spread("${node.datacenter}", 50, List.of(new SpreadTarget("dc1", 70), new SpreadTarget("dc2", 50)));
    Job.Builder job = job().taskGroups(List.of(web().spread(spread).build()));

    assertThat(problems(job))
        .containsExactly("group \"web\" > spread[0] > target: percentages sum to 120, must be at most 100");
  }

  @Test
  void reportsMissingJobIdAndName() {
    Job.Builder job = job().id("").name("");

    assertThat(problems(job)).containsExactly("id: must be set", "name: must be set");
  }

  @Test
  void reportsPriorityOutOfRange() {
    assertThat(problems(job().priority(0))).containsExactly("priority: must be between 1 and 100 (got 0)");
    assertThat(problems(job().priority(101))).containsExactly("priority: must be between 1 and 100 (got 101)");
  }

  @Test
  void reportsUnknownConstraintOperator() {
    Job.Builder job = job().constraint(new Constraint("${attr.kernel.name}", "linux", "~="));

    assertThat(problems(job)).containsExactly("constraint[0] > operator: unknown operator \"~=\"");
  }

  @Test
  void reportsConstraintWithoutValue() {
    Job.Builder job = job().constraint(new Constraint("${attr.kernel.name}", "", "="));

    assertThat(problems(job)).containsExactly("constraint[0] > value: operator \"=\" needs a value");
  }

  @Test
  void reportsInvalidRegexpConstraint() {
    Job.Builder job = job().constraint(new Constraint("${attr.os.name}", "ubuntu(", "regexp"));

    assertThat(problems(job)).singleElement().asString().startsWith("constraint[0] > value: invalid regular expression");
  }

  @Test
  void reportsAffinityWeightOutOfRange() {
    Job.Builder job = job().affinity(new Affinity("${node.class}", "large", "=", 150));

    assertThat(problems(job)).containsExactly("affinity[0] > weight: must be between -100 and 100 (got 150)");
  }

  @Test
  void reportsTooLittleMemory() {
    Task task = app().resources(Resources.builder().cpu(100).memoryMB(5)).build();
    Job.Builder job = job().taskGroups(List.of(web().tasks(List.of(task)).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > task \"app\" > resources.memory: must be at least 10 MB");
  }

  @Test
  void reportsCpuAndCoresTogether() {
    Task task = app().resources(Resources.builder().cpu(500).cores(2).memoryMB(64)).build();
    Job.Builder job = job().taskGroups(List.of(web().tasks(List.of(task)).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > task \"app\" > resources: ask for either cpu or cores, not both");
  }

  @Test
  void reportsVolumeMountOfUndeclaredVolume() {
    Task task = app().volumeMount(new VolumeMount("data", "/srv", null, null, null)).build();
    Job.Builder job = job().taskGroups(List.of(web().tasks(List.of(task)).build()));

    assertThat(problems(job))
        .containsExactly("group \"web\" > task \"app\" > volume_mount[0] > volume: volume \"data\" is not defined in group \"web\"");
  }

  @Test
  void reportsJobWithoutGroups() {
    assertThat(problems(job().taskGroups(List.of()))).containsExactly("job has no task groups");
  }

  @Test
  void reportsPeriodicServiceJob() {
    Job.Builder job =
        job().periodic(new io.caravan.model.job.PeriodicConfig(true, "*/5 * * * *", null, "cron", false, "UTC"));

    assertThat(problems(job)).containsExactly("periodic: only batch and sysbatch jobs may be periodic (job type is service)");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    Task noDriver = app().driver("").build();
    Task tinyMemory = Task.builder("side").driver("mock").resources(Resources.builder().memoryMB(1)).build();
    Job.Builder job =
        job().type("nope").priority(500).taskGroups(List.of(web().count(-1).tasks(List.of(noDriver, tinyMemory)).build()));

    assertThat(problems(job))
        .containsExactly(
            "type: unknown job type \"nope\", must be one of service, batch, system, sysbatch",
            "priority: must be between 1 and 100 (got 500)",
            "group \"web\" > count: must not be negative (got -1)",
            "group \"web\" > task \"app\" > driver: must be set",
            "group \"web\" > task \"side\" > resources.memory: must be at least 10 MB");
  }

  @Test
  void neverThrowsOnAnEmptyJob() {
    ValidationReport report = JobValidator.validate(Job.builder().build());

    assertThat(report.messages()).contains("id: must be set", "name: must be set", "job has no task groups");
  }

  @Test
  void reportsRestartsThatDoNotFitTheirInterval() {
    RestartPolicy restart = new RestartPolicy(Duration.ofMinutes(1), 10, Duration.ofSeconds(15), "fail", null);
    Job.Builder job = job().taskGroups(List.of(web().restartPolicy(restart).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > restart: 10 restarts with a delay of 15s do not fit in an interval of 1m0s");
  }

  @Test
  void reportsUnknownRestartMode() {
    RestartPolicy restart = new RestartPolicy(null, null, null, "retry", null);
    Job.Builder job = job().taskGroups(List.of(web().restartPolicy(restart).build()));

    assertThat(problems(job)).containsExactly("group \"web\" > restart > mode: must be delay or fail (got \"retry\")");
  }

  @Test
  void rejectsAMalformedCronNamingIt() {
    Job.Builder job = job().type("batch")
        .periodic(new io.caravan.model.job.PeriodicConfig(true, "", java.util.List.of("* * * * *", "61 * * * *"),
            "cron", false, "UTC"));
    assertThat(problems(job)).containsExactly(
        "periodic > crons[1]: cron \"61 * * * *\": minute field \"61\": value 61 is outside 0-59");
  }
}
