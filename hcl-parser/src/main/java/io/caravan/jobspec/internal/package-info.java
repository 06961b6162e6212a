/** Internals of the jobspec decoder: the schema table and the decoding steps. */
package io.caravan.jobspec.internal;
