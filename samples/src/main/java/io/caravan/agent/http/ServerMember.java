package io.caravan.agent.http;

/**
 * One server of the cluster as {@code /v1/agent/members} lists it.
 *
 * @param name the server's name (its Raft peer ID)
 * @param address the host its Raft transport listens on
 * @param port the Raft port
 * @param status {@code alive} when this agent knows it answers (itself, the leader), else {@code unknown}
 * @param leader whether it is the leader as this agent knows it
 */
public record ServerMember(String name, String address, int port, String status, boolean leader) {}
