/** The {@code caravan agent}: a server, a client or both, with the HTTP API, configured in HOCON. */
package io.caravan.agent;
