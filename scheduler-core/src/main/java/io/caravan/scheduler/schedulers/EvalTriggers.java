package io.caravan.scheduler.schedulers;

/** Nomad's exact {@code TriggeredBy} strings: why an evaluation was created. */
public final class EvalTriggers {
  private EvalTriggers() {}

  /** A job was registered or updated. */
  public static final String JOB_REGISTER = "job-register";
  /** A job was deregistered (stopped or purged). */
  public static final String JOB_DEREGISTER = "job-deregister";
  /** A periodic job launched a child. */
  public static final String PERIODIC_JOB = "periodic-job";
  /** A node started draining. */
  public static final String NODE_DRAIN = "node-drain";
  /** A node changed status or eligibility. */
  public static final String NODE_UPDATE = "node-update";
  /** An allocation was stopped through the API. */
  public static final String ALLOC_STOP = "alloc-stop";
  /** A scheduled (cron-like) task launch. */
  public static final String SCHEDULED = "scheduled";
  /** The next step of a rolling update. */
  public static final String ROLLING_UPDATE = "rolling-update";
  /** The deployment watcher needs the job re-evaluated. */
  public static final String DEPLOYMENT_WATCHER = "deployment-watcher";
  /** A follow-up of an evaluation that failed delivery. */
  public static final String FAILED_FOLLOW_UP = "failed-follow-up";
  /** A plan could not be committed within the allowed attempts. */
  public static final String MAX_PLANS = "max-plan-attempts";
  /** A delayed reschedule of failed allocations. */
  public static final String RETRY_FAILED_ALLOC = "alloc-failure";
  /** A blocked evaluation was unblocked to place queued allocations. */
  public static final String QUEUED_ALLOCS = "queued-allocs";
  /** Allocations of the job were preempted. */
  public static final String PREEMPTION = "preemption";
  /** A task group was scaled. */
  public static final String SCALING = "job-scaling";
  /** A disconnected client's allocations timed out. */
  public static final String MAX_DISCONNECT_TIMEOUT = "max-disconnect-timeout";
  /** A disconnected client reconnected. */
  public static final String RECONNECT = "reconnect";
  /** An allocation was rescheduled through the API. */
  public static final String ALLOC_RESCHEDULE = "alloc-reschedule";
}
