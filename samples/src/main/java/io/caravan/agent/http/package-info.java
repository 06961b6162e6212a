/** The agent's HTTP API: Nomad's {@code /v1} paths and JSON, answered by a Caravan server. */
package io.caravan.agent.http;
