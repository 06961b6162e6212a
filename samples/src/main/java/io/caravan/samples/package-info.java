/**
 * Embedding examples: small programs, each with a test that runs it, showing how to use Caravan
 * from Java (a single-node agent in an application, an in-process cluster surviving a leader
 * failure, a custom task driver found through {@link java.util.ServiceLoader}, and a HOCON-driven
 * scheduler simulation that writes CSV metrics and a chart).
 */
package io.caravan.samples;
