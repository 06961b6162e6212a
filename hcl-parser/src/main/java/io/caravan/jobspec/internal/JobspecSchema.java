package io.caravan.jobspec.internal;

import static io.caravan.jobspec.internal.BlockCardinality.LIST;
import static io.caravan.jobspec.internal.BlockCardinality.MAP_BY_LABEL;
import static io.caravan.jobspec.internal.BlockCardinality.SINGLE;
import static io.caravan.jobspec.internal.ValueKind.ANY;
import static io.caravan.jobspec.internal.ValueKind.BOOL;
import static io.caravan.jobspec.internal.ValueKind.DURATION;
import static io.caravan.jobspec.internal.ValueKind.INT;
import static io.caravan.jobspec.internal.ValueKind.INT_LIST;
import static io.caravan.jobspec.internal.ValueKind.STRING;
import static io.caravan.jobspec.internal.ValueKind.STRING_LIST;
import static io.caravan.jobspec.internal.ValueKind.STRING_LIST_MAP;
import static io.caravan.jobspec.internal.ValueKind.STRING_MAP;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The Nomad v1.11 jobspec schema: for every block kind, the arguments and nested blocks it accepts,
 * the Go field (API JSON key) each one sets, and how values convert. It mirrors the {@code hcl:"..."}
 * tags of Nomad's {@code api} package plus jobspec2's special cases ({@code constraint} and
 * {@code affinity} shorthands, {@code scaling "cpu"|"mem"} on tasks, job-level {@code task} and
 * {@code vault}, group {@code vault}). Fields the server sets (Stop, Status, ...) have no HCL name.
 */
public final class JobspecSchema {

  /** The name of the schema of the {@code job} block's body. */
  public static final String JOB = "job";

  private static final Map<String, BodySchema> SCHEMAS = build();

  private JobspecSchema() {}

  /** The schema with this name (a block kind such as {@code "task"} or {@code "service_check"}). */
  public static BodySchema get(String name) {
    BodySchema schema = SCHEMAS.get(name);
    if (schema == null) {
      throw new NoSuchElementException("no jobspec schema named " + name);
    }
    return schema;
  }

  /** Every schema by name, in a stable order. */
  public static Map<String, BodySchema> all() {
    return SCHEMAS;
  }

  private static Map<String, BodySchema> build() {
    Map<String, BodySchema> m = new LinkedHashMap<>();
    put(m, "job",
        attr("region", "Region", STRING), attr("namespace", "Namespace", STRING), attr("id", "ID", STRING),
        attr("name", "Name", STRING), attr("type", "Type", STRING), attr("priority", "Priority", INT),
        attr("all_at_once", "AllAtOnce", BOOL), attr("datacenters", "Datacenters", STRING_LIST),
        attr("node_pool", "NodePool", STRING), attr("meta", "Meta", STRING_MAP),
        list("constraint", "Constraints", "constraint"), list("affinity", "Affinities", "affinity"),
        list("group", "TaskGroups", "group", "name"), single("update", "Update", "update"),
        single("multiregion", "Multiregion", "multiregion"), list("spread", "Spreads", "spread"),
        single("periodic", "Periodic", "periodic"), single("parameterized", "ParameterizedJob", "parameterized"),
        single("reschedule", "Reschedule", "reschedule"), single("migrate", "Migrate", "migrate"),
        single("meta", "Meta", "meta"), single("ui", "UI", "ui"),
        // jobspec2 extras: a bare task becomes its own group; a job-level vault is inherited.
        list("task", "Tasks", "task", "name"), single("vault", "Vault", "vault"));
    put(m, "constraint",
        attr("attribute", "LTarget", STRING), attr("value", "RTarget", STRING), attr("operator", "Operand", STRING),
        attr("distinct_property", "LTarget", STRING), attr("distinct_hosts", "Operand", BOOL),
        attr("regexp", "RTarget", STRING), attr("version", "RTarget", STRING), attr("semver", "RTarget", STRING),
        attr("set_contains", "RTarget", STRING), attr("set_contains_all", "RTarget", STRING),
        attr("set_contains_any", "RTarget", STRING), attr("is_set", "RTarget", STRING),
        attr("is_not_set", "RTarget", STRING));
    put(m, "affinity",
        attr("attribute", "LTarget", STRING), attr("value", "RTarget", STRING), attr("operator", "Operand", STRING),
        attr("weight", "Weight", INT), attr("version", "RTarget", STRING), attr("semver", "RTarget", STRING),
        attr("regexp", "RTarget", STRING), attr("set_contains", "RTarget", STRING),
        attr("set_contains_all", "RTarget", STRING), attr("set_contains_any", "RTarget", STRING));
    put(m, "spread",
        attr("attribute", "Attribute", STRING), attr("weight", "Weight", INT),
        list("target", "SpreadTarget", "spread_target", "value"));
    put(m, "spread_target", attr("percent", "Percent", INT));
    put(m, "update",
        attr("stagger", "Stagger", DURATION), attr("max_parallel", "MaxParallel", INT),
        attr("health_check", "HealthCheck", STRING), attr("min_healthy_time", "MinHealthyTime", DURATION),
        attr("healthy_deadline", "HealthyDeadline", DURATION), attr("progress_deadline", "ProgressDeadline", DURATION),
        attr("canary", "Canary", INT), attr("auto_revert", "AutoRevert", BOOL), attr("auto_promote", "AutoPromote", BOOL));
    put(m, "migrate",
        attr("max_parallel", "MaxParallel", INT), attr("health_check", "HealthCheck", STRING),
        attr("min_healthy_time", "MinHealthyTime", DURATION), attr("healthy_deadline", "HealthyDeadline", DURATION));
    put(m, "multiregion",
        single("strategy", "Strategy", "multiregion_strategy"), list("region", "Regions", "multiregion_region", "name"));
    put(m, "multiregion_strategy", attr("max_parallel", "MaxParallel", INT), attr("on_failure", "OnFailure", STRING));
    put(m, "multiregion_region",
        attr("count", "Count", INT), attr("datacenters", "Datacenters", STRING_LIST),
        attr("node_pool", "NodePool", STRING), attr("meta", "Meta", STRING_MAP), single("meta", "Meta", "meta"));
    put(m, "periodic",
        attr("enabled", "Enabled", BOOL), attr("cron", "Spec", STRING), attr("crons", "Specs", STRING_LIST),
        attr("prohibit_overlap", "ProhibitOverlap", BOOL), attr("time_zone", "TimeZone", STRING));
    put(m, "parameterized",
        attr("payload", "Payload", STRING), attr("meta_required", "MetaRequired", STRING_LIST),
        attr("meta_optional", "MetaOptional", STRING_LIST));
    put(m, "reschedule",
        attr("attempts", "Attempts", INT), attr("interval", "Interval", DURATION), attr("delay", "Delay", DURATION),
        attr("delay_function", "DelayFunction", STRING), attr("max_delay", "MaxDelay", DURATION),
        attr("unlimited", "Unlimited", BOOL));
    put(m, "ui", attr("description", "Description", STRING), list("link", "Links", "ui_link"));
    put(m, "ui_link", attr("label", "Label", STRING), attr("url", "URL", STRING));
    freeForm(m, "meta");
    freeForm(m, "env");
    freeForm(m, "config");

    put(m, "group",
        attr("count", "Count", INT), attr("meta", "Meta", STRING_MAP),
        attr("shutdown_delay", "ShutdownDelay", DURATION),
        attr("stop_after_client_disconnect", "StopAfterClientDisconnect", DURATION),
        attr("max_client_disconnect", "MaxClientDisconnect", DURATION),
        attr("prevent_reschedule_on_lost", "PreventRescheduleOnLost", BOOL),
        list("constraint", "Constraints", "constraint"), list("affinity", "Affinities", "affinity"),
        list("task", "Tasks", "task", "name"), list("spread", "Spreads", "spread"),
        byLabel("volume", "Volumes", "volume", "name"), single("restart", "RestartPolicy", "restart"),
        single("disconnect", "Disconnect", "disconnect"), single("reschedule", "ReschedulePolicy", "reschedule"),
        single("ephemeral_disk", "EphemeralDisk", "ephemeral_disk"), single("update", "Update", "update"),
        single("migrate", "Migrate", "migrate"), list("network", "Networks", "network"),
        single("meta", "Meta", "meta"), list("service", "Services", "service"),
        single("scaling", "Scaling", "group_scaling"), single("consul", "Consul", "consul"),
        single("vault", "Vault", "vault"));
    put(m, "restart",
        attr("interval", "Interval", DURATION), attr("attempts", "Attempts", INT), attr("delay", "Delay", DURATION),
        attr("mode", "Mode", STRING), attr("render_templates", "RenderTemplates", BOOL));
    put(m, "disconnect",
        attr("lost_after", "LostAfter", DURATION), attr("stop_on_client_after", "StopOnClientAfter", DURATION),
        attr("replace", "Replace", BOOL), attr("reconcile", "Reconcile", STRING));
    put(m, "ephemeral_disk",
        attr("sticky", "Sticky", BOOL), attr("migrate", "Migrate", BOOL), attr("size", "SizeMB", INT));
    put(m, "volume",
        attr("type", "Type", STRING), attr("source", "Source", STRING), attr("read_only", "ReadOnly", BOOL),
        attr("sticky", "Sticky", BOOL), attr("access_mode", "AccessMode", STRING),
        attr("attachment_mode", "AttachmentMode", STRING), attr("per_alloc", "PerAlloc", BOOL),
        single("mount_options", "MountOptions", "mount_options"));
    put(m, "mount_options", attr("fs_type", "FSType", STRING), attr("mount_flags", "MountFlags", STRING_LIST));
    put(m, "consul",
        attr("namespace", "Namespace", STRING), attr("cluster", "Cluster", STRING), attr("partition", "Partition", STRING));
    put(m, "group_scaling",
        attr("min", "Min", INT), required("max", "Max", INT), attr("enabled", "Enabled", BOOL),
        attr("type", "Type", STRING), single("policy", "Policy", "config"));
    put(m, "task_scaling",
        attr("min", "Min", INT), attr("max", "Max", INT), attr("enabled", "Enabled", BOOL),
        attr("type", "Type", STRING), single("policy", "Policy", "config"));

    put(m, "network",
        attr("mode", "Mode", STRING), attr("device", "Device", STRING), attr("cidr", "CIDR", STRING),
        attr("ip", "IP", STRING), attr("hostname", "Hostname", STRING), attr("mbits", "MBits", INT),
        single("dns", "DNS", "dns"), list("reserved_ports", "ReservedPorts", "port"),
        list("port", "DynamicPorts", "port", "label"), single("cni", "CNI", "cni"));
    put(m, "port",
        attr("static", "Value", INT), attr("to", "To", INT), attr("host_network", "HostNetwork", STRING),
        attr("ignore_collision", "IgnoreCollision", BOOL));
    put(m, "dns",
        attr("servers", "Servers", STRING_LIST), attr("searches", "Searches", STRING_LIST),
        attr("options", "Options", STRING_LIST));
    put(m, "cni", attr("args", "Args", STRING_MAP));

    put(m, "task",
        attr("driver", "Driver", STRING), attr("user", "User", STRING), attr("env", "Env", STRING_MAP),
        attr("meta", "Meta", STRING_MAP), attr("kill_timeout", "KillTimeout", DURATION),
        attr("leader", "Leader", BOOL), attr("shutdown_delay", "ShutdownDelay", DURATION),
        attr("kill_signal", "KillSignal", STRING), attr("kind", "Kind", STRING),
        single("lifecycle", "Lifecycle", "lifecycle"), single("config", "Config", "config"),
        list("constraint", "Constraints", "constraint"), list("affinity", "Affinities", "affinity"),
        single("env", "Env", "env"), list("service", "Services", "service"),
        single("resources", "Resources", "resources"), single("restart", "RestartPolicy", "restart"),
        single("meta", "Meta", "meta"), single("logs", "LogConfig", "logs"),
        list("artifact", "Artifacts", "artifact"), single("vault", "Vault", "vault"),
        single("consul", "Consul", "consul"), list("template", "Templates", "template"),
        single("dispatch_payload", "DispatchPayload", "dispatch_payload"),
        list("volume_mount", "VolumeMounts", "volume_mount"),
        single("csi_plugin", "CSIPluginConfig", "csi_plugin"),
        list("scaling", "ScalingPolicies", "task_scaling", "name"),
        list("secret", "Secrets", "secret", "name"), list("identity", "Identities", "identity"),
        list("action", "Actions", "action", "name"), single("schedule", "Schedule", "schedule"));
    put(m, "lifecycle", attr("hook", "Hook", STRING), attr("sidecar", "Sidecar", BOOL));
    put(m, "resources",
        attr("cpu", "CPU", INT), attr("cores", "Cores", INT), attr("memory", "MemoryMB", INT),
        attr("memory_max", "MemoryMaxMB", INT), attr("disk", "DiskMB", INT), attr("iops", "IOPS", INT),
        attr("secrets", "SecretsMB", INT),
        list("network", "Networks", "network"), list("device", "Devices", "device", "name"),
        single("numa", "NUMA", "numa"));
    put(m, "device",
        attr("count", "Count", INT), list("constraint", "Constraints", "constraint"),
        list("affinity", "Affinities", "affinity"));
    put(m, "numa", attr("affinity", "Affinity", STRING), attr("devices", "Devices", STRING_LIST));
    put(m, "logs",
        attr("max_files", "MaxFiles", INT), attr("max_file_size", "MaxFileSizeMB", INT),
        attr("enabled", "Enabled", BOOL), attr("disabled", "Disabled", BOOL));
    put(m, "artifact",
        attr("source", "GetterSource", STRING), attr("options", "GetterOptions", STRING_MAP),
        attr("headers", "GetterHeaders", STRING_MAP), attr("mode", "GetterMode", STRING),
        attr("insecure", "GetterInsecure", BOOL), attr("destination", "RelativeDest", STRING),
        attr("chown", "Chown", BOOL), single("options", "GetterOptions", "meta"),
        single("headers", "GetterHeaders", "meta"));
    put(m, "vault",
        attr("policies", "Policies", STRING_LIST), attr("role", "Role", STRING),
        attr("namespace", "Namespace", STRING), attr("cluster", "Cluster", STRING), attr("env", "Env", BOOL),
        attr("disable_file", "DisableFile", BOOL), attr("change_mode", "ChangeMode", STRING),
        attr("change_signal", "ChangeSignal", STRING),
        attr("allow_token_expiration", "AllowTokenExpiration", BOOL));
    put(m, "template",
        attr("source", "SourcePath", STRING), attr("destination", "DestPath", STRING),
        attr("data", "EmbeddedTmpl", STRING), attr("change_mode", "ChangeMode", STRING),
        attr("change_signal", "ChangeSignal", STRING), attr("once", "Once", BOOL),
        attr("splay", "Splay", DURATION), attr("perms", "Perms", STRING), attr("uid", "Uid", INT),
        attr("gid", "Gid", INT), attr("left_delimiter", "LeftDelim", STRING),
        attr("right_delimiter", "RightDelim", STRING), attr("env", "Envvars", BOOL),
        attr("vault_grace", "VaultGrace", DURATION), attr("error_on_missing_key", "ErrMissingKey", BOOL),
        single("change_script", "ChangeScript", "change_script"), single("wait", "Wait", "wait"));
    put(m, "change_script",
        attr("command", "Command", STRING), attr("args", "Args", STRING_LIST),
        attr("timeout", "Timeout", DURATION), attr("fail_on_error", "FailOnError", BOOL));
    put(m, "wait", attr("min", "Min", DURATION), attr("max", "Max", DURATION));
    put(m, "dispatch_payload", attr("file", "File", STRING));
    put(m, "volume_mount",
        attr("volume", "Volume", STRING), attr("destination", "Destination", STRING),
        attr("read_only", "ReadOnly", BOOL), attr("propagation_mode", "PropagationMode", STRING),
        attr("selinux_label", "SELinuxLabel", STRING));
    put(m, "csi_plugin",
        attr("id", "ID", STRING), attr("type", "Type", STRING), attr("mount_dir", "MountDir", STRING),
        attr("stage_publish_base_dir", "StagePublishBaseDir", STRING),
        attr("health_timeout", "HealthTimeout", DURATION));
    put(m, "secret",
        attr("provider", "Provider", STRING), attr("path", "Path", STRING), attr("env", "Env", STRING_MAP),
        single("config", "Config", "config"), single("env", "Env", "env"));
    put(m, "identity",
        attr("name", "Name", STRING), attr("aud", "Audience", STRING_LIST), attr("change_mode", "ChangeMode", STRING),
        attr("change_signal", "ChangeSignal", STRING), attr("env", "Env", BOOL), attr("file", "File", BOOL),
        attr("filepath", "Filepath", STRING), attr("ttl", "TTL", DURATION));
    put(m, "action", attr("command", "Command", STRING), attr("args", "Args", STRING_LIST));
    put(m, "schedule", single("cron", "Cron", "schedule_cron"));
    put(m, "schedule_cron",
        attr("start", "Start", STRING), attr("end", "End", STRING), attr("timezone", "Timezone", STRING));

    put(m, "service",
        attr("name", "Name", STRING), attr("tags", "Tags", STRING_LIST), attr("canary_tags", "CanaryTags", STRING_LIST),
        attr("enable_tag_override", "EnableTagOverride", BOOL), attr("port", "PortLabel", STRING),
        attr("address_mode", "AddressMode", STRING), attr("address", "Address", STRING),
        attr("task", "TaskName", STRING), attr("on_update", "OnUpdate", STRING),
        attr("provider", "Provider", STRING), attr("cluster", "Cluster", STRING), attr("kind", "Kind", STRING),
        attr("meta", "Meta", STRING_MAP), attr("canary_meta", "CanaryMeta", STRING_MAP),
        attr("tagged_addresses", "TaggedAddresses", STRING_MAP),
        list("check", "Checks", "service_check"), single("check_restart", "CheckRestart", "check_restart"),
        single("connect", "Connect", "connect"), single("meta", "Meta", "meta"),
        single("canary_meta", "CanaryMeta", "meta"), single("tagged_addresses", "TaggedAddresses", "meta"),
        single("identity", "Identity", "identity"), single("weights", "Weights", "service_weights"));
    put(m, "service_weights", attr("passing", "Passing", INT), attr("warning", "Warning", INT));
    put(m, "service_check",
        attr("name", "Name", STRING), attr("type", "Type", STRING), attr("command", "Command", STRING),
        attr("args", "Args", STRING_LIST), attr("path", "Path", STRING), attr("protocol", "Protocol", STRING),
        attr("port", "PortLabel", STRING), attr("expose", "Expose", BOOL), attr("address_mode", "AddressMode", STRING),
        attr("advertise", "Advertise", STRING), attr("interval", "Interval", DURATION),
        attr("timeout", "Timeout", DURATION), attr("initial_status", "InitialStatus", STRING),
        attr("notes", "Notes", STRING), attr("tls_server_name", "TLSServerName", STRING),
        attr("tls_skip_verify", "TLSSkipVerify", BOOL), attr("header", "Header", STRING_LIST_MAP),
        attr("method", "Method", STRING), attr("grpc_service", "GRPCService", STRING),
        attr("grpc_use_tls", "GRPCUseTLS", BOOL), attr("task", "TaskName", STRING),
        attr("success_before_passing", "SuccessBeforePassing", INT),
        attr("failures_before_critical", "FailuresBeforeCritical", INT),
        attr("failures_before_warning", "FailuresBeforeWarning", INT), attr("body", "Body", STRING),
        attr("on_update", "OnUpdate", STRING), single("check_restart", "CheckRestart", "check_restart"),
        single("header", "Header", "check_header"));
    freeForm(m, "check_header");
    put(m, "check_restart",
        attr("limit", "Limit", INT), attr("grace", "Grace", DURATION), attr("ignore_warnings", "IgnoreWarnings", BOOL));
    put(m, "connect",
        attr("native", "Native", BOOL), single("gateway", "Gateway", "gateway"),
        single("sidecar_service", "SidecarService", "sidecar_service"),
        single("sidecar_task", "SidecarTask", "sidecar_task"));
    put(m, "sidecar_service",
        attr("tags", "Tags", STRING_LIST), attr("port", "Port", STRING),
        attr("disable_default_tcp_check", "DisableDefaultTCPCheck", BOOL), attr("meta", "Meta", STRING_MAP),
        single("proxy", "Proxy", "proxy"), single("meta", "Meta", "meta"));
    put(m, "proxy",
        attr("local_service_address", "LocalServiceAddress", STRING),
        attr("local_service_port", "LocalServicePort", INT), attr("config", "Config", ANY),
        single("expose", "Expose", "expose"), list("upstreams", "Upstreams", "upstreams"),
        single("transparent_proxy", "TransparentProxy", "transparent_proxy"), single("config", "Config", "config"));
    put(m, "expose", list("path", "Paths", "expose_path"));
    put(m, "expose_path",
        attr("path", "Path", STRING), attr("protocol", "Protocol", STRING),
        attr("local_path_port", "LocalPathPort", INT), attr("listener_port", "ListenerPort", STRING));
    put(m, "upstreams",
        attr("destination_name", "DestinationName", STRING),
        attr("destination_namespace", "DestinationNamespace", STRING),
        attr("destination_peer", "DestinationPeer", STRING),
        attr("destination_partition", "DestinationPartition", STRING),
        attr("destination_type", "DestinationType", STRING), attr("local_bind_port", "LocalBindPort", INT),
        attr("datacenter", "Datacenter", STRING), attr("local_bind_address", "LocalBindAddress", STRING),
        attr("local_bind_socket_path", "LocalBindSocketPath", STRING),
        attr("local_bind_socket_mode", "LocalBindSocketMode", STRING), attr("config", "Config", ANY),
        single("mesh_gateway", "MeshGateway", "mesh_gateway"), single("config", "Config", "config"));
    put(m, "mesh_gateway", attr("mode", "Mode", STRING));
    put(m, "transparent_proxy",
        attr("uid", "UID", STRING), attr("outbound_port", "OutboundPort", INT),
        attr("exclude_inbound_ports", "ExcludeInboundPorts", STRING_LIST),
        attr("exclude_outbound_ports", "ExcludeOutboundPorts", INT_LIST),
        attr("exclude_outbound_cidrs", "ExcludeOutboundCIDRs", STRING_LIST),
        attr("exclude_uids", "ExcludeUIDs", STRING_LIST), attr("no_dns", "NoDNS", BOOL));
    put(m, "sidecar_task",
        attr("name", "Name", STRING), attr("driver", "Driver", STRING), attr("user", "User", STRING),
        attr("env", "Env", STRING_MAP), attr("meta", "Meta", STRING_MAP),
        attr("kill_timeout", "KillTimeout", DURATION), attr("shutdown_delay", "ShutdownDelay", DURATION),
        attr("kill_signal", "KillSignal", STRING), single("config", "Config", "config"),
        single("env", "Env", "env"), single("resources", "Resources", "resources"),
        single("meta", "Meta", "meta"), single("logs", "LogConfig", "logs"),
        list("volume_mount", "VolumeMounts", "volume_mount"), list("identity", "Identities", "identity"));
    put(m, "gateway",
        single("proxy", "Proxy", "gateway_proxy"), single("ingress", "Ingress", "ingress"),
        single("terminating", "Terminating", "terminating"), single("mesh", "Mesh", "empty"));
    put(m, "empty");
    put(m, "gateway_proxy",
        attr("connect_timeout", "ConnectTimeout", DURATION),
        attr("envoy_gateway_bind_tagged_addresses", "EnvoyGatewayBindTaggedAddresses", BOOL),
        attr("envoy_gateway_no_default_bind", "EnvoyGatewayNoDefaultBind", BOOL),
        attr("envoy_dns_discovery_type", "EnvoyDNSDiscoveryType", STRING), attr("config", "Config", ANY),
        byLabel("envoy_gateway_bind_addresses", "EnvoyGatewayBindAddresses", "bind_address", "name"),
        single("config", "Config", "config"));
    put(m, "bind_address", attr("address", "Address", STRING), attr("port", "Port", INT));
    put(m, "ingress", single("tls", "TLS", "gateway_tls"), list("listener", "Listeners", "ingress_listener"));
    put(m, "gateway_tls",
        attr("enabled", "Enabled", BOOL), attr("tls_min_version", "TLSMinVersion", STRING),
        attr("tls_max_version", "TLSMaxVersion", STRING), attr("cipher_suites", "CipherSuites", STRING_LIST),
        single("sds", "SDS", "gateway_sds"));
    put(m, "gateway_sds", attr("cluster_name", "ClusterName", STRING), attr("cert_resource", "CertResource", STRING));
    put(m, "ingress_listener",
        attr("port", "Port", INT), attr("protocol", "Protocol", STRING), list("service", "Services", "ingress_service"));
    put(m, "ingress_service",
        attr("name", "Name", STRING), attr("hosts", "Hosts", STRING_LIST),
        attr("max_connections", "MaxConnections", INT), attr("max_pending_requests", "MaxPendingRequests", INT),
        attr("max_concurrent_requests", "MaxConcurrentRequests", INT), single("tls", "TLS", "gateway_tls"),
        single("request_headers", "RequestHeaders", "header_modifiers"),
        single("response_headers", "ResponseHeaders", "header_modifiers"));
    put(m, "header_modifiers",
        attr("add", "Add", STRING_MAP), attr("set", "Set", STRING_MAP), attr("remove", "Remove", STRING_LIST),
        single("add", "Add", "meta"), single("set", "Set", "meta"));
    put(m, "terminating", list("service", "Services", "linked_service"));
    put(m, "linked_service",
        attr("name", "Name", STRING), attr("ca_file", "CAFile", STRING), attr("cert_file", "CertFile", STRING),
        attr("key_file", "KeyFile", STRING), attr("sni", "SNI", STRING));
    return ImmutableMap.copyOf(m);
  }

  /** A member of a body schema under construction: an attribute or a block. */
  private sealed interface Member permits Attr, Block {}

  private record Attr(AttributeSpec spec) implements Member {}

  private record Block(BlockSpec spec) implements Member {}

  private static void put(Map<String, BodySchema> m, String name, Member... members) {
    Map<String, AttributeSpec> attributes = new LinkedHashMap<>();
    Map<String, BlockSpec> blocks = new LinkedHashMap<>();
    for (Member member : members) {
      if (member instanceof Attr a) {
        attributes.put(a.spec().name(), a.spec());
      } else if (member instanceof Block b) {
        blocks.put(b.spec().type(), b.spec());
      }
    }
    m.put(name, new BodySchema(name, attributes, blocks, false));
  }

  private static void freeForm(Map<String, BodySchema> m, String name) {
    m.put(name, new BodySchema(name, Map.of(), Map.of(), true));
  }

  private static Member attr(String name, String goField, ValueKind kind) {
    return new Attr(new AttributeSpec(name, goField, kind, false));
  }

  private static Member required(String name, String goField, ValueKind kind) {
    return new Attr(new AttributeSpec(name, goField, kind, true));
  }

  private static Member single(String type, String goField, String schema) {
    return new Block(new BlockSpec(type, goField, List.of(), SINGLE, schema));
  }

  private static Member list(String type, String goField, String schema, String... labels) {
    return new Block(new BlockSpec(type, goField, List.of(labels), LIST, schema));
  }

  private static Member byLabel(String type, String goField, String schema, String label) {
    return new Block(new BlockSpec(type, goField, List.of(label), MAP_BY_LABEL, schema));
  }
}
