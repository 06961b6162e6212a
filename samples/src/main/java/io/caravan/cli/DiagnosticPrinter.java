package io.caravan.cli;

import io.caravan.hcl.Diagnostic;
import io.caravan.jobspec.JobspecResult;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics as Nomad does (first line), followed by the source line and a caret under the column. */
final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  static void print(PrintWriter out, List<Diagnostic> diagnostics, String source) {
    String[] lines = source.split("\n", -1);
    for (Diagnostic d : diagnostics) {
      out.println((d.isError() ? "" : "warning: ") + JobspecResult.nomadLine(d));
      if (d.subject() != null && d.subject().start().line() >= 1 && d.subject().start().line() <= lines.length) {
        String line = lines[d.subject().start().line() - 1].replace("\r", "");
        out.println("  " + line);
        int col = Math.max(d.subject().start().column(), 1);
        int width = d.subject().end().line() == d.subject().start().line()
            ? Math.max(d.subject().end().column() - col, 1) : 1;
        out.println("  " + " ".repeat(col - 1) + "^" + "~".repeat(width - 1));
      }
    }
  }
}
