/**
 * The cluster model the scheduler and the state store use: nodes, allocations, evaluations,
 * deployments, plans and plan results, as immutable records in Nomad's API JSON shape.
 *
 * <p>Conventions are those of {@code io.caravan.model.job}: components are the lowerCamelCase of
 * Nomad's Go field names with {@code @JsonProperty("GoName")}; Go value fields are never null;
 * {@code null} collections are Go nil; durations are {@link java.time.Duration} (integer
 * nanoseconds in JSON); wall-clock timestamps are kept as Nomad sends them (Unix nanoseconds for
 * {@code CreateTime}/{@code ModifyTime}, RFC 3339 strings for {@code time.Time} fields).
 * Status strings are constants in {@link io.caravan.model.cluster.NodeStatus},
 * {@link io.caravan.model.cluster.AllocStatus}, {@link io.caravan.model.cluster.EvalStatus} and
 * {@link io.caravan.model.cluster.DeploymentStatuses}.
 */
package io.caravan.model.cluster;
