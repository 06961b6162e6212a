package io.caravan.drivers.mock;

/** The mock driver registered under the short name {@value MockDriver#SHORT_NAME}, beside Nomad's {@code mock_driver}. */
public final class MockShortNameDriver extends MockDriver {

  /** Creates the driver; {@link java.util.ServiceLoader} calls this. */
  public MockShortNameDriver() {
    super(SHORT_NAME);
  }
}
