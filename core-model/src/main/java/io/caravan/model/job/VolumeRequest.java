package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A group's request for a host or CSI volume. */
@JsonPropertyOrder({"Name", "Type", "Source", "ReadOnly", "Sticky", "AccessMode", "AttachmentMode", "MountOptions", "PerAlloc"})
public record VolumeRequest(
    @JsonProperty("Name") String name,
    @JsonProperty("Type") String type,
    @JsonProperty("Source") String source,
    @JsonProperty("ReadOnly") boolean readOnly,
    @JsonProperty("Sticky") boolean sticky,
    @JsonProperty("AccessMode") String accessMode,
    @JsonProperty("AttachmentMode") String attachmentMode,
    @JsonProperty("MountOptions") @Nullable CSIMountOptions mountOptions,
    @JsonProperty("PerAlloc") boolean perAlloc) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public VolumeRequest {
    name = name == null ? "" : name;
    type = type == null ? "" : type;
    source = source == null ? "" : source;
    accessMode = accessMode == null ? "" : accessMode;
    attachmentMode = attachmentMode == null ? "" : attachmentMode;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .type(type)
        .source(source)
        .readOnly(readOnly)
        .sticky(sticky)
        .accessMode(accessMode)
        .attachmentMode(attachmentMode)
        .mountOptions(mountOptions)
        .perAlloc(perAlloc);
  }

  /** Mutable builder of {@link VolumeRequest}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String type = "";
    private String source = "";
    private boolean readOnly;
    private boolean sticky;
    private String accessMode = "";
    private String attachmentMode = "";
    private @Nullable CSIMountOptions mountOptions;
    private boolean perAlloc;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Type}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets {@code Source}. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /** Sets {@code ReadOnly}. */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Sets {@code Sticky}. */
    public Builder sticky(boolean sticky) {
      this.sticky = sticky;
      return this;
    }

    /** Sets {@code AccessMode}. */
    public Builder accessMode(String accessMode) {
      this.accessMode = accessMode;
      return this;
    }

    /** Sets {@code AttachmentMode}. */
    public Builder attachmentMode(String attachmentMode) {
      this.attachmentMode = attachmentMode;
      return this;
    }

    /** Sets {@code MountOptions}. */
    public Builder mountOptions(@Nullable CSIMountOptions mountOptions) {
      this.mountOptions = mountOptions;
      return this;
    }

    /** Sets {@code PerAlloc}. */
    public Builder perAlloc(boolean perAlloc) {
      this.perAlloc = perAlloc;
      return this;
    }

    /** Builds the immutable value. */
    public VolumeRequest build() {
      return new VolumeRequest(name, type, source, readOnly, sticky, accessMode, attachmentMode, mountOptions, perAlloc);
    }
  }
}
