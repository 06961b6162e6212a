/**
 * Job diffs in the shape of Nomad's {@code JobDiff} (what {@code job plan} shows): {@link
 * io.caravan.model.diff.JobDiffer} compares a registered job with a proposed one and answers a
 * {@link io.caravan.model.diff.JobDiff} of task groups, tasks, nested objects and primitive fields,
 * each typed {@code Added}, {@code Deleted}, {@code Edited} or {@code None}.
 *
 * <p>Field names are Nomad's Go field names ({@code Count}, {@code Meta[owner]}), nested blocks are
 * object diffs named as Nomad names them ({@code Constraint}, {@code Resources}, {@code Config},
 * {@code Network}, {@code Static Port}…), values are strings as Nomad flattens them (durations in
 * nanoseconds), and everything is sorted by name so the diff is deterministic. Annotations
 * ({@code forces create/destroy update}, per-group update counts) are added by the scheduler, which
 * knows what the reconciler would do.
 */
package io.caravan.model.diff;
