/** The {@code docker} driver: runs tasks as containers through a Docker Engine API (dockerd or podman). */
package io.caravan.drivers.docker;
