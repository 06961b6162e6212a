package io.caravan.agent.http.internal;

/** A read's answer and the Raft index it reflects (sent as {@code X-Nomad-Index}). */
public record Indexed(Object value, long index) {}
