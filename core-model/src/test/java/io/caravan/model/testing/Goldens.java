package io.caravan.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads the level-2 jobspec goldens ({@code nomadjob/1} files) of the conformance corpus. */
public final class Goldens {
  private static final ObjectMapper TREE_READER = new ObjectMapper();

  private Goldens() {}

  /** One golden file: its name and the {@code job} tree (only {@code ok} files are listed). */
  public record GoldenJob(String name, JsonNode job) {}

  /** All {@code ok} jobs of {@code jobspecs/<folder>} ({@code golden-job} or {@code golden-canonical}), sorted by name. */
  public static List<GoldenJob> okJobs(Path conformance, String folder) {
    Path dir = conformance.resolve("jobspecs").resolve(folder);
    List<GoldenJob> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = TREE_READER.readTree(file.toFile());
        if (root.path("ok").asBoolean(false)) {
          out.add(new GoldenJob(file.getFileName().toString(), root.get("job")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
