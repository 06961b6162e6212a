/** Test schedulers for exercising the server's scheduling pipeline independently of scheduler-core's schedulers. */
package io.caravan.state.server.testing;
