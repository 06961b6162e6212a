package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableList;

/**
 * How a volume is to be used.
 *
 * @param accessMode who may read and write it
 * @param attachment a block device or a mounted filesystem
 * @param fsType the filesystem type for filesystem attachments, empty for the default
 * @param mountFlags mount options
 */
public record VolumeCapability(
    AccessMode accessMode, Attachment attachment, String fsType, ImmutableList<String> mountFlags) {

  /** CSI access modes, as in Nomad's {@code access_mode}. */
  public enum AccessMode {
    /** One node, read-write. */
    SINGLE_NODE_WRITER,
    /** One node, read-only. */
    SINGLE_NODE_READER_ONLY,
    /** Many nodes, read-only. */
    MULTI_NODE_READER_ONLY,
    /** Many nodes, one writer. */
    MULTI_NODE_SINGLE_WRITER,
    /** Many nodes, many writers. */
    MULTI_NODE_MULTI_WRITER
  }

  /** How the volume is attached, as in Nomad's {@code attachment_mode}. */
  public enum Attachment {
    /** A raw block device. */
    BLOCK_DEVICE,
    /** A mounted filesystem. */
    FILE_SYSTEM
  }
}
