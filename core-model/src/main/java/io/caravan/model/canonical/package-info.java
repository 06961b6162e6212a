/** Nomad's job defaults and the canonicalization that applies them ({@link io.caravan.model.canonical.Canonicalizer}). */
package io.caravan.model.canonical;
