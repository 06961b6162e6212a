/** End-to-end flows through the state store and FSM: register a job, place it, commit the plan. */
package io.caravan.state.e2e;
