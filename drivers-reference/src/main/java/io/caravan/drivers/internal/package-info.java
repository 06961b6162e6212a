/** Internals shared by the reference drivers. */
package io.caravan.drivers.internal;
