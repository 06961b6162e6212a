/** The hand-written binary wire form of the hot FSM commands (internal: not part of the API). */
package io.caravan.state.fsm.internal;
