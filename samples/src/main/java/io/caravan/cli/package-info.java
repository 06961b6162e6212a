/** The caravan command-line program. */
package io.caravan.cli;
