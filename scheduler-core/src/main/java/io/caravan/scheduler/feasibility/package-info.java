/** Feasibility: constraint operators and target resolution, node checks, class memoisation. */
package io.caravan.scheduler.feasibility;
