/** Implementation helpers of the model (immutable copies); not part of the public API. */
package io.caravan.model.internal;
