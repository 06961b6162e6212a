package io.caravan.state.fsm;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.state.store.NodePool;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A state change replicated through Raft. Each command has a stable one-byte type code (see
 * {@link CommandCodec}); adding a field is backward compatible, changing a meaning needs a new code.
 */
public sealed interface Command {

  /** Registers a job (a new version if it exists) and optionally its evaluation. */
  record RegisterJob(Job job, @Nullable Evaluation eval) implements Command {}

  /** Removes a job ({@code purge}) or marks it stopped, optionally with its evaluation. */
  record DeregisterJob(String namespace, String jobId, boolean purge, @Nullable Evaluation eval) implements Command {}

  /** Registers or replaces a node. */
  record UpsertNode(Node node) implements Command {}

  /** Changes a node's status (ready, down, disconnected, initializing), optionally with evaluations. */
  record UpdateNodeStatus(String nodeId, String status, List<Evaluation> evals) implements Command {}

  /** Changes a node's scheduling eligibility. */
  record UpdateNodeEligibility(String nodeId, String eligibility) implements Command {}

  /** Starts ({@code drainStrategy} set) or stops a node drain. */
  record UpdateNodeDrain(String nodeId, @Nullable DrainStrategy drainStrategy, boolean markEligible) implements Command {}

  /** Adds or replaces evaluations. */
  record UpsertEvals(List<Evaluation> evals) implements Command {}

  /** Deletes evaluations and allocations (garbage collection). */
  record DeleteEvals(List<String> evalIds, List<String> allocIds) implements Command {}

  /** The result of a plan accepted by the plan applier: allocations to place, stop or preempt, a deployment, evaluations. */
  record ApplyPlanResult(List<Allocation> allocs, @Nullable Deployment deployment, List<Evaluation> evals) implements Command {}

  /** Allocation status updates reported by clients. */
  record ClientAllocUpdates(List<Allocation> allocs, List<Evaluation> evals) implements Command {}

  /**
   * Changes a deployment's status; {@code timeNanos} (Unix nanoseconds, from the leader's clock; 0 when
   * unknown) becomes the deployment's {@code ModifyTime}, which garbage collection ages it by.
   */
  record DeploymentStatus(String deploymentId, String status, String description, long timeNanos) implements Command {
    /** A status change whose time is not known. */
    public DeploymentStatus(String deploymentId, String status, String description) {
      this(deploymentId, status, description, 0L);
    }
  }

  /** Removes deployments (garbage collection of old terminal ones). */
  record DeleteDeployments(List<String> deploymentIds) implements Command {}

  /** Replaces a deployment (promotion and health updates write the updated deployment). */
  record UpsertDeployment(Deployment deployment) implements Command {}

  /**
   * Promotes a deployment's canaries: marks the named task groups (every group with canaries when
   * {@code groups} is empty) promoted and describes the deployment as running again.
   */
  record PromoteDeployment(String deploymentId, List<String> groups) implements Command {}

  /**
   * Sets what the servers want of allocations (Nomad's AllocUpdateDesiredTransition): the drainer
   * marks allocations to migrate, the deployment watcher allows unhealthy ones to be rescheduled.
   * Fields left null in a transition keep their stored value.
   */
  record AllocDesiredTransitions(Map<String, DesiredTransition> transitions) implements Command {}

  /** Sets the cluster-wide scheduler configuration. */
  record SetSchedulerConfig(SchedulerConfiguration config) implements Command {}

  /** Adds or replaces a node pool. */
  record UpsertNodePool(NodePool pool) implements Command {}

  /** Records a periodic job's launch time. */
  record PeriodicLaunch(String namespace, String jobId, long launchNanos) implements Command {}

  /**
   * Replaces the whole state with a snapshot in the format {@link StateFsm#snapshot} writes, gzip-compressed
   * (operator snapshot restore); every table's index becomes the index this command is applied at.
   */
  record RestoreState(byte[] gzippedSnapshot) implements Command {}

  /**
   * A leader-only write carrying the Raft term of the leader that made it: the FSM rejects it when it is
   * applied in a later term (its leader was deposed meanwhile), so a deposed leader's in-flight plans and
   * evaluation updates never reach the state.
   */
  record LeaderTerm(long term, Command command) implements Command {}

  /** Several commands applied in one transaction at one index. */
  record Batch(List<Command> commands) implements Command {}
}
