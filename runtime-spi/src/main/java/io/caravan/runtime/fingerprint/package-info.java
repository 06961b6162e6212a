/** Host fingerprinting: CPU, memory, disk, OS, kernel, network and cgroups as Nomad-style node attributes. */
package io.caravan.runtime.fingerprint;
