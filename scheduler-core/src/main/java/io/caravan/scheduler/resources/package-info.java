/** Node resource accounting: task group asks with lifecycle maxima, allocation usage, fit checks and ports. */
package io.caravan.scheduler.resources;
