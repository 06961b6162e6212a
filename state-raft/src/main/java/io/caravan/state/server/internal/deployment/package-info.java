/** The leader's deployment watcher: health-driven progress, promotion, failure and auto-revert of deployments. */
package io.caravan.state.server.internal.deployment;
