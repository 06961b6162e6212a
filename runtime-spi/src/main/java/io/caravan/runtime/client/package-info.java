/**
 * The client runtime: restart tracking, task environment and interpolation, allocation directories
 * and log rotation used to run allocations on a node.
 */
package io.caravan.runtime.client;
