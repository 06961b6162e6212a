/** hcl4j 0.9.8 parse throughput on the shared parser inputs. */
package io.caravan.benchmarks.hcl4j;
