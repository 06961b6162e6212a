package io.caravan.model.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.job.Job;
import io.caravan.model.json.NomadJson;
import org.jspecify.annotations.Nullable;

/**
 * Computes the diff between a registered job and a proposed one as Nomad's {@code Job.Diff} does:
 * primitive fields by Go name, nested blocks as object diffs (constraints, affinities, spreads and
 * networks as sets, services matched by name and port label, ports by label, tasks and groups by
 * name), sorted deterministically. The server passes {@code contextual = true}, as Nomad's plan
 * endpoint does: changed blocks then also list their unchanged fields (type {@code None}).
 * Job-level bookkeeping fields (indexes, version, status, submit time) are ignored.
 */
public final class JobDiffer {
  private static final NomadJson JSON = NomadJson.lenient();

  private JobDiffer() {}

  /**
   * The diff from {@code old} (null: the job is new) to {@code neu} (null: the job is removed).
   *
   * @throws IllegalArgumentException when both jobs are given and their IDs differ
   */
  public static JobDiff diff(@Nullable Job old, @Nullable Job neu, boolean contextual) {
    if (old != null && neu != null && !String.valueOf(old.id()).equals(String.valueOf(neu.id()))) {
      throw new IllegalArgumentException("cannot diff jobs with different IDs: \"" + old.id() + "\" and \"" + neu.id() + "\"");
    }
    JsonNode o = old == null ? null : JSON.toTree(old);
    JsonNode n = neu == null ? null : JSON.toTree(neu);
    return new TreeDiffer(contextual).job(o, n);
  }
}
