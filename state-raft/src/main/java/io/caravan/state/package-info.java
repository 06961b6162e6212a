/** The replicated state store, FSM, Ratis replication and the server that runs the leader loops. */
package io.caravan.state;
