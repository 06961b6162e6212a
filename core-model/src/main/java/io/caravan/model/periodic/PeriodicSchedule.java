package io.caravan.model.periodic;

import io.caravan.model.job.PeriodicConfig;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A periodic job's launch times: its {@code cron} or {@code crons} (the earliest next time of all of
 * them) evaluated in its {@code time_zone} (UTC when unset).
 */
public final class PeriodicSchedule {
  private final List<CronExpression> crons;
  private final ZoneId zone;

  private PeriodicSchedule(List<CronExpression> crons, ZoneId zone) {
    this.crons = List.copyOf(crons);
    this.zone = zone;
  }

  /**
   * The schedule of {@code periodic}.
   *
   * @throws CronSyntaxException when a cron expression is malformed or none is given
   * @throws DateTimeException when the time zone is unknown
   */
  public static PeriodicSchedule of(PeriodicConfig periodic) {
    List<String> specs = new ArrayList<>(periodic.specsOrEmpty());
    if (periodic.spec() != null && !periodic.spec().isBlank()) {
      specs.add(0, periodic.spec());
    }
    if (specs.isEmpty()) {
      throw new CronSyntaxException("", "the periodic block has no cron expression");
    }
    List<CronExpression> parsed = specs.stream().map(CronExpression::parse).toList();
    String tz = periodic.timeZone();
    ZoneId zone = ZoneId.of(tz == null || tz.isBlank() ? "UTC" : tz);
    return new PeriodicSchedule(parsed, zone);
  }

  /** The zone the expressions are evaluated in. */
  public ZoneId zone() {
    return zone;
  }

  /** The first launch time strictly after {@code after}, or empty when no expression has one. */
  public Optional<Instant> next(Instant after) {
    Instant best = null;
    for (CronExpression c : crons) {
      Instant n = c.next(after, zone).orElse(null);
      if (n != null && (best == null || n.isBefore(best))) {
        best = n;
      }
    }
    return Optional.ofNullable(best);
  }
}
