/** The Nomad jobspec decoder that turns HCL2 files into core-model jobs. */
package io.caravan.jobspec;
