/** The CSI plugin SPI: identity, controller and node services of a Container Storage Interface plugin. */
package io.caravan.runtime.csi;
