package io.caravan.runtime.csi;

import java.util.Optional;

/**
 * A Container Storage Interface plugin: an identity service plus a controller service, a node service, or both.
 * Discovered with {@link java.util.ServiceLoader} or registered by code.
 */
public interface CsiPlugin extends AutoCloseable {

  /** The identity service (always present). */
  CsiIdentityService identity();

  /** The controller service, when this plugin instance runs one. */
  Optional<CsiControllerService> controller();

  /** The node service, when this plugin instance runs one. */
  Optional<CsiNodeService> node();

  @Override
  default void close() {}
}
