package io.caravan.jobspec.internal;

/** How many blocks of one type a body may hold, and how they land in the API JSON. */
public enum BlockCardinality {
  /** At most one block (a Go pointer or struct); a second one is "Duplicate X block". */
  SINGLE,
  /** Any number of blocks, kept in source order (a Go slice). */
  LIST,
  /** Any number of labelled blocks, keyed by their label (a Go map of structs). */
  MAP_BY_LABEL
}
