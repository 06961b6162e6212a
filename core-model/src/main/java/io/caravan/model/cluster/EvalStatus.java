package io.caravan.model.cluster;

/** Nomad's exact strings for an evaluation's {@code Status} and common {@code TriggeredBy} values. */
public final class EvalStatus {
  private EvalStatus() {}

  /** Waiting for enough capacity to place what failed. */
  public static final String BLOCKED = "blocked";
  /** Queued for a scheduler. */
  public static final String PENDING = "pending";
  /** Done. */
  public static final String COMPLETE = "complete";
  /** Gave up (for example after the maximum plan attempts). */
  public static final String FAILED = "failed";
  /** Cancelled because a newer evaluation supersedes it. */
  public static final String CANCELED = "canceled";

  /** Trigger: a job was registered. */
  public static final String TRIGGER_JOB_REGISTER = "job-register";
  /** Trigger: a job was deregistered. */
  public static final String TRIGGER_JOB_DEREGISTER = "job-deregister";
  /** Trigger: a node changed. */
  public static final String TRIGGER_NODE_UPDATE = "node-update";
  /** Trigger: the plan could not be committed in the allowed attempts. */
  public static final String TRIGGER_MAX_PLANS = "max-plan-attempts";
  /** Trigger: a blocked evaluation was unblocked. */
  public static final String TRIGGER_QUEUED_ALLOCS = "queued-allocs";
}
