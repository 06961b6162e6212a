package io.caravan.scheduler.broker;

/**
 * A point-in-time count of what {@link BlockedEvals} holds.
 *
 * @param totalBlocked blocked evaluations (captured and escaped)
 * @param totalEscaped blocked evaluations whose constraints escape the computed node class
 * @param totalQuotaLimit blocked evaluations that hit a quota limit
 * @param totalSystemByNode system-job evaluations also indexed by the node they wait for
 * @param pendingDuplicates superseded blocked evaluations waiting to be marked canceled
 */
public record BlockedEvalsStats(
    int totalBlocked, int totalEscaped, int totalQuotaLimit, int totalSystemByNode, int pendingDuplicates) {}
