/** Internals of the transports: the JSON shapes the HTTP transport sends. */
package io.caravan.runtime.transport.internal;
