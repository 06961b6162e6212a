/** Shared machinery of the process-based drivers (raw_exec, exec, java): launch, wait, signal, kill the tree. */
package io.caravan.drivers.process;
