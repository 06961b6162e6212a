/** Driver, device, CSI and transport SPIs, and the client runtime that runs allocations. */
package io.caravan.runtime;
