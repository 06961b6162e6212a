/** Typed, versioned FSM commands, their compact binary codec, and the FSM that applies them to the state store. */
package io.caravan.state.fsm;
