/** JMH benchmarks and side-by-side runs against peer libraries. */
package io.caravan.benchmarks;
