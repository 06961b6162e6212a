package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** HTTP paths a Connect proxy exposes without mTLS (for checks). */
@JsonPropertyOrder({"Paths", "Path"})
public record ConsulExposeConfig(
    @JsonProperty("Paths") @Nullable List<ConsulExposePath> paths,
    @JsonProperty("Path") @Nullable List<ConsulExposePath> path) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulExposeConfig {
    paths = ModelCollections.copyOfList(paths);
    path = ModelCollections.copyOfList(path);
  }

  /** Returns {@code Paths}, or an empty list when it is absent (Go nil). */
  public List<ConsulExposePath> pathsOrEmpty() {
    return paths == null ? List.of() : paths;
  }

  /** Returns {@code Path}, or an empty list when it is absent (Go nil). */
  public List<ConsulExposePath> pathOrEmpty() {
    return path == null ? List.of() : path;
  }}
