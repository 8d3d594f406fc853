package org.annexp2p.repository.objects.hashes;

/** One node of a BLAKE2 hash tree: a BLAKE2s or BLAKE2b hash with its place in the tree in its parameter block. */
interface Blake2Node {
    void update(byte[] in, int offset, int length);

    /** The node's whole result (its inner length); the node is spent. */
    byte[] finish();

    /** Makes the nodes of one tree, all for the same output length. */
    interface Maker {
        /**
         * @param fanout children per node (1 with depth 1: sequential hashing)
         * @param depth levels of the tree
         * @param nodeOffset the node's offset within its level
         * @param nodeDepth the node's level, 0 for the leaves
         * @param innerLength bytes each node passes up (0 when sequential)
         * @param lastNode whether the node is the last of its level
         */
        Blake2Node node(int fanout, int depth, long nodeOffset, int nodeDepth, int innerLength, boolean lastNode);
    }
}
