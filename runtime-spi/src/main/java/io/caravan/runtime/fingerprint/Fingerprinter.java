package io.caravan.runtime.fingerprint;

/** Detects what a host offers; feeds a node's attributes and resources. */
public interface Fingerprinter {

  /** Fingerprints the host now. */
  HostFingerprint fingerprint();
}
