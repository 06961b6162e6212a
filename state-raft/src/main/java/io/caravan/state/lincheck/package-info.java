/**
 * Linearizability checking of recorded histories (Wing &amp; Gong's search with Lowe's memoisation of
 * {linearized set, model state}, and P-compositionality: independent keys are checked separately).
 */
package io.caravan.state.lincheck;
