/** Endpoints, request parsing, blocking queries and response views of the HTTP API. */
package io.caravan.agent.http.internal;
