package io.caravan.jobspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.hcl.Diagnostic;
import io.caravan.jobspec.internal.JobspecDecoder;
import io.caravan.model.json.NomadJson;
import io.caravan.model.job.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses Nomad jobspecs (HCL2) into core-model {@link Job}s the way Nomad v1.11's jobspec2 does,
 * reporting Nomad's diagnostics at the same positions instead of throwing.
 */
public final class JobspecParser {
  private static final NomadJson CODEC = NomadJson.strict();

  private JobspecParser() {}

  /** Parses the file at {@code path}; its name (as given) is used in diagnostics. */
  public static JobspecResult parse(Path path, ParseOptions options) throws IOException {
    return parse(Files.readAllBytes(path), path.toString(), options);
  }

  /** Parses {@code source}, naming it {@code filename} in diagnostics. */
  public static JobspecResult parse(String source, String filename, ParseOptions options) {
    return parse(source.getBytes(StandardCharsets.UTF_8), filename, options);
  }

  /** Parses UTF-8 bytes, naming them {@code filename} in diagnostics. */
  public static JobspecResult parse(byte[] source, String filename, ParseOptions options) {
    JobspecDecoder.Result decoded = JobspecDecoder.decode(source, filename, options);
    List<Diagnostic> diagnostics = new ArrayList<>(decoded.diagnostics());
    if (decoded.job().isEmpty()) {
      return new JobspecResult(Optional.empty(), Optional.empty(), diagnostics);
    }
    ObjectNode tree = decoded.job().get();
    try {
      Job job = CODEC.readJob(tree);
      return new JobspecResult(Optional.of(job), Optional.of((ObjectNode) CODEC.toTree(job)), diagnostics);
    } catch (RuntimeException e) {
      diagnostics.add(Diagnostic.error("Invalid job", "The decoded job does not fit Nomad's API model: "
          + e.getMessage(), null));
      return new JobspecResult(Optional.empty(), Optional.of(tree), diagnostics);
    }
  }
}
