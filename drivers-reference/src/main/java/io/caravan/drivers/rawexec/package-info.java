/** The {@code raw_exec} driver: runs a command as a host process without isolation. */
package io.caravan.drivers.rawexec;
