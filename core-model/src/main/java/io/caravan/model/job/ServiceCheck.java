package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A health check of a service. */
@JsonPropertyOrder({"Name", "Type", "Command", "Args", "Path", "Protocol", "PortLabel", "Expose", "AddressMode", "Advertise", "Interval", "Timeout", "InitialStatus", "Notes", "TLSServerName", "TLSSkipVerify", "Header", "Method", "CheckRestart", "GRPCService", "GRPCUseTLS", "TaskName", "SuccessBeforePassing", "FailuresBeforeCritical", "FailuresBeforeWarning", "Body", "OnUpdate"})
public record ServiceCheck(
    @JsonProperty("Name") String name,
    @JsonProperty("Type") String type,
    @JsonProperty("Command") String command,
    @JsonProperty("Args") @Nullable List<String> args,
    @JsonProperty("Path") String path,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("PortLabel") String portLabel,
    @JsonProperty("Expose") boolean expose,
    @JsonProperty("AddressMode") String addressMode,
    @JsonProperty("Advertise") String advertise,
    @JsonProperty("Interval") Duration interval,
    @JsonProperty("Timeout") Duration timeout,
    @JsonProperty("InitialStatus") String initialStatus,
    @JsonProperty("Notes") String notes,
    @JsonProperty("TLSServerName") String tlsServerName,
    @JsonProperty("TLSSkipVerify") boolean tlsSkipVerify,
    @JsonProperty("Header") @Nullable Map<String, List<String>> header,
    @JsonProperty("Method") String method,
    @JsonProperty("CheckRestart") @Nullable CheckRestart checkRestart,
    @JsonProperty("GRPCService") String grpcService,
    @JsonProperty("GRPCUseTLS") boolean grpcUseTLS,
    @JsonProperty("TaskName") String taskName,
    @JsonProperty("SuccessBeforePassing") int successBeforePassing,
    @JsonProperty("FailuresBeforeCritical") int failuresBeforeCritical,
    @JsonProperty("FailuresBeforeWarning") int failuresBeforeWarning,
    @JsonProperty("Body") String body,
    @JsonProperty("OnUpdate") String onUpdate) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ServiceCheck {
    name = name == null ? "" : name;
    type = type == null ? "" : type;
    command = command == null ? "" : command;
    args = ModelCollections.copyOfList(args);
    path = path == null ? "" : path;
    protocol = protocol == null ? "" : protocol;
    portLabel = portLabel == null ? "" : portLabel;
    addressMode = addressMode == null ? "" : addressMode;
    advertise = advertise == null ? "" : advertise;
    interval = interval == null ? Duration.ZERO : interval;
    timeout = timeout == null ? Duration.ZERO : timeout;
    initialStatus = initialStatus == null ? "" : initialStatus;
    notes = notes == null ? "" : notes;
    tlsServerName = tlsServerName == null ? "" : tlsServerName;
    header = ModelCollections.copyOfListMap(header);
    method = method == null ? "" : method;
    grpcService = grpcService == null ? "" : grpcService;
    taskName = taskName == null ? "" : taskName;
    body = body == null ? "" : body;
    onUpdate = onUpdate == null ? "" : onUpdate;
  }

  /** Returns {@code Args}, or an empty list when it is absent (Go nil). */
  public List<String> argsOrEmpty() {
    return args == null ? List.of() : args;
  }

  /** Returns {@code Header}, or an empty map when it is absent (Go nil). */
  public Map<String, List<String>> headerOrEmpty() {
    return header == null ? Map.of() : header;
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
        .command(command)
        .args(args)
        .path(path)
        .protocol(protocol)
        .portLabel(portLabel)
        .expose(expose)
        .addressMode(addressMode)
        .advertise(advertise)
        .interval(interval)
        .timeout(timeout)
        .initialStatus(initialStatus)
        .notes(notes)
        .tlsServerName(tlsServerName)
        .tlsSkipVerify(tlsSkipVerify)
        .header(header)
        .method(method)
        .checkRestart(checkRestart)
        .grpcService(grpcService)
        .grpcUseTLS(grpcUseTLS)
        .taskName(taskName)
        .successBeforePassing(successBeforePassing)
        .failuresBeforeCritical(failuresBeforeCritical)
        .failuresBeforeWarning(failuresBeforeWarning)
        .body(body)
        .onUpdate(onUpdate);
  }

  /** Mutable builder of {@link ServiceCheck}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String type = "";
    private String command = "";
    private @Nullable List<String> args;
    private String path = "";
    private String protocol = "";
    private String portLabel = "";
    private boolean expose;
    private String addressMode = "";
    private String advertise = "";
    private Duration interval = Duration.ZERO;
    private Duration timeout = Duration.ZERO;
    private String initialStatus = "";
    private String notes = "";
    private String tlsServerName = "";
    private boolean tlsSkipVerify;
    private @Nullable Map<String, List<String>> header;
    private String method = "";
    private @Nullable CheckRestart checkRestart;
    private String grpcService = "";
    private boolean grpcUseTLS;
    private String taskName = "";
    private int successBeforePassing;
    private int failuresBeforeCritical;
    private int failuresBeforeWarning;
    private String body = "";
    private String onUpdate = "";

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

    /** Sets {@code Command}. */
    public Builder command(String command) {
      this.command = command;
      return this;
    }

    /** Sets {@code Args}. */
    public Builder args(@Nullable List<String> args) {
      this.args = args;
      return this;
    }

    /** Sets {@code Path}. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets {@code Protocol}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Sets {@code PortLabel}. */
    public Builder portLabel(String portLabel) {
      this.portLabel = portLabel;
      return this;
    }

    /** Sets {@code Expose}. */
    public Builder expose(boolean expose) {
      this.expose = expose;
      return this;
    }

    /** Sets {@code AddressMode}. */
    public Builder addressMode(String addressMode) {
      this.addressMode = addressMode;
      return this;
    }

    /** Sets {@code Advertise}. */
    public Builder advertise(String advertise) {
      this.advertise = advertise;
      return this;
    }

    /** Sets {@code Interval}. */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Sets {@code Timeout}. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sets {@code InitialStatus}. */
    public Builder initialStatus(String initialStatus) {
      this.initialStatus = initialStatus;
      return this;
    }

    /** Sets {@code Notes}. */
    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    /** Sets {@code TLSServerName}. */
    public Builder tlsServerName(String tlsServerName) {
      this.tlsServerName = tlsServerName;
      return this;
    }

    /** Sets {@code TLSSkipVerify}. */
    public Builder tlsSkipVerify(boolean tlsSkipVerify) {
      this.tlsSkipVerify = tlsSkipVerify;
      return this;
    }

    /** Sets {@code Header}. */
    public Builder header(@Nullable Map<String, List<String>> header) {
      this.header = header;
      return this;
    }

    /** Sets {@code Method}. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** Sets {@code CheckRestart}. */
    public Builder checkRestart(@Nullable CheckRestart checkRestart) {
      this.checkRestart = checkRestart;
      return this;
    }

    /** Sets {@code GRPCService}. */
    public Builder grpcService(String grpcService) {
      this.grpcService = grpcService;
      return this;
    }

    /** Sets {@code GRPCUseTLS}. */
    public Builder grpcUseTLS(boolean grpcUseTLS) {
      this.grpcUseTLS = grpcUseTLS;
      return this;
    }

    /** Sets {@code TaskName}. */
    public Builder taskName(String taskName) {
      this.taskName = taskName;
      return this;
    }

    /** Sets {@code SuccessBeforePassing}. */
    public Builder successBeforePassing(int successBeforePassing) {
      this.successBeforePassing = successBeforePassing;
      return this;
    }

    /** Sets {@code FailuresBeforeCritical}. */
    public Builder failuresBeforeCritical(int failuresBeforeCritical) {
      this.failuresBeforeCritical = failuresBeforeCritical;
      return this;
    }

    /** Sets {@code FailuresBeforeWarning}. */
    public Builder failuresBeforeWarning(int failuresBeforeWarning) {
      this.failuresBeforeWarning = failuresBeforeWarning;
      return this;
    }

    /** Sets {@code Body}. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** Sets {@code OnUpdate}. */
    public Builder onUpdate(String onUpdate) {
      this.onUpdate = onUpdate;
      return this;
    }

    /** Builds the immutable value. */
    public ServiceCheck build() {
      return new ServiceCheck(name, type, command, args, path, protocol, portLabel, expose, addressMode, advertise, interval, timeout, initialStatus, notes, tlsServerName, tlsSkipVerify, header, method, checkRestart, grpcService, grpcUseTLS, taskName, successBeforePassing, failuresBeforeCritical, failuresBeforeWarning, body, onUpdate);
    }
  }
}
