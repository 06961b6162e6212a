/** The agent's internals: client transports over one or several servers, the cluster view, the client node. */
package io.caravan.agent.internal;
