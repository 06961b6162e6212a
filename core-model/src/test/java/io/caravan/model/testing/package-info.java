/**
 * Test kit shared through core-model's test-jar: seeded model generators, JSON tree comparison and
 * the conformance-corpus locator.
 */
package io.caravan.model.testing;
