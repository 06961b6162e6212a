/** Nomad's jobspec function table (cty stdlib, go-cty-funcs, yaml) with Nomad's quirks. */
package io.caravan.hcl.functions;
