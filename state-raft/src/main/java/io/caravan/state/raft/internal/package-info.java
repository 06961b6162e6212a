/** Internals of the Ratis binding: batch framing and the Ratis state machine adapter. */
package io.caravan.state.raft.internal;
