/**
 * The {@code exec} driver: runs a command isolated with cgroups (v1 or v2), namespaces, a chroot of its task directory
 * with read-only binds of host system paths, and an unprivileged user.
 */
package io.caravan.drivers.exec;
