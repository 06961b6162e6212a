/** The {@code exec} driver: runs a command isolated with cgroups (v1 or v2), namespaces and an unprivileged user. */
package io.caravan.drivers.exec;
