/** Merges benchmark CSV results per suite and renders one PNG chart per suite. */
package io.caravan.benchmarks.report;
