/** Server configuration: typed view of {@code caravan.server} from Typesafe Config, with a builder. */
package io.caravan.state.config;
