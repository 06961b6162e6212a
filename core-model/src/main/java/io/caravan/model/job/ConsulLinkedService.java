package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A service reached through a terminating gateway, with its TLS files. */
@JsonPropertyOrder({"Name", "CAFile", "CertFile", "KeyFile", "SNI"})
public record ConsulLinkedService(
    @JsonProperty("Name") String name,
    @JsonProperty("CAFile") String caFile,
    @JsonProperty("CertFile") String certFile,
    @JsonProperty("KeyFile") String keyFile,
    @JsonProperty("SNI") String sni) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulLinkedService {
    name = name == null ? "" : name;
    caFile = caFile == null ? "" : caFile;
    certFile = certFile == null ? "" : certFile;
    keyFile = keyFile == null ? "" : keyFile;
    sni = sni == null ? "" : sni;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .caFile(caFile)
        .certFile(certFile)
        .keyFile(keyFile)
        .sni(sni);
  }

  /** Mutable builder of {@link ConsulLinkedService}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String caFile = "";
    private String certFile = "";
    private String keyFile = "";
    private String sni = "";

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code CAFile}. */
    public Builder caFile(String caFile) {
      this.caFile = caFile;
      return this;
    }

    /** Sets {@code CertFile}. */
    public Builder certFile(String certFile) {
      this.certFile = certFile;
      return this;
    }

    /** Sets {@code KeyFile}. */
    public Builder keyFile(String keyFile) {
      this.keyFile = keyFile;
      return this;
    }

    /** Sets {@code SNI}. */
    public Builder sni(String sni) {
      this.sni = sni;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulLinkedService build() {
      return new ConsulLinkedService(name, caFile, certFile, keyFile, sni);
    }
  }
}
