/** The {@code java} driver: runs a jar or a main class on a JVM, optionally isolated like {@code exec}. */
package io.caravan.drivers.java;
