/** Reference task drivers: raw_exec, exec, java, docker and mock. */
package io.caravan.drivers;
