/**
 * The jobspec model: immutable records mirroring Nomad's {@code api.Job} and everything inside it.
 *
 * <h2>Naming</h2>
 * Type names follow Nomad's api package ({@code Job}, {@code TaskGroup}, {@code ConsulUpstream}, …).
 * Each record component is the lowerCamelCase of the Go field name ({@code ID → id},
 * {@code MemoryMB → memoryMB}, {@code LTarget → lTarget}) and carries
 * {@code @JsonProperty("GoName")}, so the records read and write Nomad's HTTP API JSON directly
 * (see {@code io.caravan.model.json.NomadJson}).
 *
 * <h2>Absent versus zero</h2>
 * <ul>
 *   <li>Go pointer fields ({@code *int}, {@code *string}, {@code *time.Duration}, structs) are
 *       boxed, {@link org.jspecify.annotations.Nullable} components; {@code null} means "not set"
 *       and is what {@code Canonicalize} fills in.
 *   <li>Go value fields ({@code string}, {@code int}, {@code bool}, {@code time.Duration}) are
 *       never null: the compact constructors turn {@code null} into {@code ""}, {@code 0},
 *       {@code false} or {@link java.time.Duration#ZERO}, as Go's zero values.
 *   <li>Durations are {@link java.time.Duration}; in JSON they are integer nanoseconds.
 * </ul>
 *
 * <h2>Collections: {@code null} versus empty</h2>
 * Go distinguishes a nil slice or map (JSON {@code null}) from an empty one ({@code []},
 * {@code {}}), and Nomad's goldens contain both (e.g. {@code "Identities": []} next to
 * {@code "Identities": null}). To round-trip exactly, list and map components keep that
 * distinction: {@code null} is Go nil, anything else is an immutable (Guava) copy in source order.
 * Callers that do not care use the generated {@code xxxOrEmpty()} accessors, which never return
 * {@code null}. Builders accept either and copy on {@code build()}.
 *
 * <h2>Free-form values</h2>
 * Driver {@code Config}, proxy/upstream {@code Config}, scaling {@code Policy} and secret
 * {@code Config} are {@code Map<String, Object>} trees of String, Boolean, Number (Integer, Long,
 * BigInteger or BigDecimal), List, Map and null, deep-copied into unmodifiable insertion-ordered
 * collections.
 */
package io.caravan.model.job;
