package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A service routed by an ingress gateway listener. */
@JsonPropertyOrder({"Name", "Hosts", "TLS", "RequestHeaders", "ResponseHeaders", "MaxConnections", "MaxPendingRequests", "MaxConcurrentRequests"})
public record ConsulIngressService(
    @JsonProperty("Name") String name,
    @JsonProperty("Hosts") @Nullable List<String> hosts,
    @JsonProperty("TLS") @Nullable ConsulGatewayTLSConfig tls,
    @JsonProperty("RequestHeaders") @Nullable ConsulHTTPHeaderModifiers requestHeaders,
    @JsonProperty("ResponseHeaders") @Nullable ConsulHTTPHeaderModifiers responseHeaders,
    @JsonProperty("MaxConnections") @Nullable Long maxConnections,
    @JsonProperty("MaxPendingRequests") @Nullable Long maxPendingRequests,
    @JsonProperty("MaxConcurrentRequests") @Nullable Long maxConcurrentRequests) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulIngressService {
    name = name == null ? "" : name;
    hosts = ModelCollections.copyOfList(hosts);
  }

  /** Returns {@code Hosts}, or an empty list when it is absent (Go nil). */
  public List<String> hostsOrEmpty() {
    return hosts == null ? List.of() : hosts;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .hosts(hosts)
        .tls(tls)
        .requestHeaders(requestHeaders)
        .responseHeaders(responseHeaders)
        .maxConnections(maxConnections)
        .maxPendingRequests(maxPendingRequests)
        .maxConcurrentRequests(maxConcurrentRequests);
  }

  /** Mutable builder of {@link ConsulIngressService}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private @Nullable List<String> hosts;
    private @Nullable ConsulGatewayTLSConfig tls;
    private @Nullable ConsulHTTPHeaderModifiers requestHeaders;
    private @Nullable ConsulHTTPHeaderModifiers responseHeaders;
    private @Nullable Long maxConnections;
    private @Nullable Long maxPendingRequests;
    private @Nullable Long maxConcurrentRequests;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Hosts}. */
    public Builder hosts(@Nullable List<String> hosts) {
      this.hosts = hosts;
      return this;
    }

    /** Sets {@code TLS}. */
    public Builder tls(@Nullable ConsulGatewayTLSConfig tls) {
      this.tls = tls;
      return this;
    }

    /** Sets {@code RequestHeaders}. */
    public Builder requestHeaders(@Nullable ConsulHTTPHeaderModifiers requestHeaders) {
      this.requestHeaders = requestHeaders;
      return this;
    }

    /** Sets {@code ResponseHeaders}. */
    public Builder responseHeaders(@Nullable ConsulHTTPHeaderModifiers responseHeaders) {
      this.responseHeaders = responseHeaders;
      return this;
    }

    /** Sets {@code MaxConnections}. */
    public Builder maxConnections(@Nullable Long maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** Sets {@code MaxPendingRequests}. */
    public Builder maxPendingRequests(@Nullable Long maxPendingRequests) {
      this.maxPendingRequests = maxPendingRequests;
      return this;
    }

    /** Sets {@code MaxConcurrentRequests}. */
    public Builder maxConcurrentRequests(@Nullable Long maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulIngressService build() {
      return new ConsulIngressService(name, hosts, tls, requestHeaders, responseHeaders, maxConnections, maxPendingRequests, maxConcurrentRequests);
    }
  }
}
