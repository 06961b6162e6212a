/** The Nomad HTTP API JSON codec for the model ({@link io.caravan.model.json.NomadJson}). */
package io.caravan.model.json;
