/** The device plugin SPI: fingerprint device groups, reserve instances for a task, report device stats. */
package io.caravan.runtime.device;
