package io.caravan.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Diagnostic;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing a jobspec: the job (absent when any error was found), its Nomad API JSON
 * tree, and every diagnostic.
 */
public record JobspecResult(Optional<Job> job, Optional<ObjectNode> apiJson, List<Diagnostic> diagnostics) {
  /** Copies the diagnostics. */
  public JobspecResult {
    diagnostics = ImmutableList.copyOf(diagnostics);
  }

  /** True if any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The diagnostics in Nomad's one-line form {@code file:line,col-endcol: Summary; Detail}, sorted. */
  public List<String> errorLines() {
    return diagnostics.stream().filter(Diagnostic::isError).map(JobspecResult::nomadLine).sorted().toList();
  }

  /** One diagnostic in Nomad's (hcl's Diagnostic.Error()) form. */
  public static String nomadLine(Diagnostic d) {
    String where;
    if (d.subject() == null) {
      where = "<nil>";
    } else {
      var s = d.subject();
      where = s.filename() + ":" + s.start().line() + "," + s.start().column() + "-"
          + (s.end().line() == s.start().line() ? "" : s.end().line() + ",") + s.end().column();
    }
    return where + ": " + d.summary() + "; " + d.detail();
  }
}
