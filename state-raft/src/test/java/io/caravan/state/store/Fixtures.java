package io.caravan.state.store;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import java.time.Duration;

/** Minimal allocations, evaluations, deployments and jobs for store tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Job job(String id) {
    return Job.builder(id).namespace("default").type("service").priority(50).build();
  }

  public static Allocation alloc(String id, String nodeId, String jobId, String evalId, Job job) {
    return new Allocation(id, "default", evalId, jobId + ".web[0]", nodeId, "", jobId, job, "web", null, null,
        "run", "", null, "pending", "", null, "", null, null, "", "", "", null, "", 0, 0, 0, 0, 0);
  }

  public static Evaluation eval(String id, String jobId) {
    return new Evaluation(id, "default", 50, "service", "job-register", jobId, 0, "", 0, "", "pending", "",
        Duration.ZERO, null, "", "", "", null, null, null, "", false, false, null, "", 0, 0, 0, 0, 0);
  }

  public static Deployment deployment(String id, String jobId) {
    return new Deployment(id, "default", jobId, 0, 0, 0, 0, false, null, "running", "", 50, 0, 0, 0, 0);
  }
}
