/** Immutable jobspec and cluster model, Nomad defaults, validation and the Nomad API JSON codec. */
package io.caravan.model;
