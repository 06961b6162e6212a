package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;

/**
 * An allocation the reconciler wants stopped, with the client status to record ({@code "lost"}
 * for allocations on down nodes, {@code ""} to keep the client's), the desired description and
 * the follow-up evaluation that will handle it later ({@code ""} if none).
 */
public record AllocStop(Allocation alloc, String clientStatus, String statusDescription, String followupEvalId) {}
