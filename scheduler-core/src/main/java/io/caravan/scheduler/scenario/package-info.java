/** The scenario runner behind {@code caravan schedule}: one registration evaluation from a JSON file to a JSON plan. */
package io.caravan.scheduler.scenario;
