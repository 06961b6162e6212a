package io.caravan.state.store;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;

/**
 * Rebuilds a state from a snapshot stream: objects are inserted exactly as saved (their Raft indexes
 * are kept, not re-stamped). Jobs must come before the allocations that share them.
 */
public final class StateRestore {
  private final Txn txn;

  StateRestore(long index) {
    this.txn = new Txn(StateSnapshot.EMPTY, index);
  }

  StateSnapshot build() {
    return txn.commit();
  }

  public void tableIndex(String table, long index) {
    txn.restoreTableIndex(table, index);
  }

  /** One stored version of a job (the highest version becomes the current job). */
  public void jobVersion(Job job) {
    txn.restoreJobVersion(job);
  }

  public void node(Node node) {
    txn.restoreNode(node);
  }

  public void alloc(Allocation alloc) {
    txn.restoreAlloc(alloc);
  }

  /** An allocation saved without its job, which is the stored job version {@code jobVersion}. */
  public void allocSharingJob(Allocation alloc, long jobVersion) {
    txn.restoreAllocSharingJob(alloc, jobVersion);
  }

  public void eval(Evaluation eval) {
    txn.restoreEval(eval);
  }

  public void deployment(Deployment deployment) {
    txn.restoreDeployment(deployment);
  }

  public void schedulerConfig(SchedulerConfiguration config) {
    txn.restoreSchedulerConfig(config);
  }

  public void nodePool(NodePool pool) {
    txn.restoreNodePool(pool);
  }

  public void periodicLaunch(PeriodicLaunch launch) {
    txn.restorePeriodicLaunch(launch);
  }
}
