package org.annexp2p.repository.objects.hashes;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The parallel modes of BLAKE2 that git-annex's BLAKE2BP512 and BLAKE2SP224/256 keys use, as the BLAKE2
 * reference code computes them: the input's blocks are dealt in turn to the leaves (BLAKE2bp: four BLAKE2b leaves
 * of 128-byte blocks; BLAKE2sp: eight BLAKE2s leaves of 64-byte blocks), all with fan-out = the number of leaves,
 * depth 2 and their offset, the last leaf marked last; a root (node depth 1, marked last) hashes the leaves'
 * whole results in order. The output length is in every node's parameter block. Bouncy Castle's own BLAKE2bp
 * (1.78.1) breaks on input fed in uneven pieces and its BLAKE2sp has no 224-bit form, so this one serves both
 * modes. It computes the leaves one after another: the parallelism is in the layout, not needed for the result.
 */
final class Blake2ParallelDigest extends MessageDigest {
    private final int length;
    private final int leafCount;
    private final int block;
    private final int innerLength;
    private final Blake2Node.Maker maker;
    private Blake2Node[] leaves;
    private long position;

    private Blake2ParallelDigest(String name, int length, int leafCount, int block, int innerLength,
            Blake2Node.Maker maker) {
        super(name);
        this.length = length;
        this.leafCount = leafCount;
        this.block = block;
        this.innerLength = innerLength;
        this.maker = maker;
        engineReset();
    }

    /** BLAKE2bp of {@code length} bytes. */
    static MessageDigest blake2bp(int length) {
        return new Blake2ParallelDigest("BLAKE2bp-" + 8 * length, length, 4, Blake2bNode.BLOCK, Blake2bNode.OUT,
                Blake2bNode.of(length));
    }

    /** BLAKE2sp of {@code length} bytes. */
    static MessageDigest blake2sp(int length) {
        return new Blake2ParallelDigest("BLAKE2sp-" + 8 * length, length, 8, Blake2sNode.BLOCK, Blake2sNode.OUT,
                Blake2sNode.of(length));
    }

    @Override
    protected int engineGetDigestLength() {
        return length;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        while (len > 0) {
            int leaf = (int) (position / block % leafCount);
            int n = (int) Math.min(len, block - position % block);
            leaves[leaf].update(input, offset, n);
            position += n;
            offset += n;
            len -= n;
        }
    }

    @Override
    protected byte[] engineDigest() {
        Blake2Node root = maker.node(leafCount, 2, 0, 1, innerLength, true);
        for (Blake2Node leaf : leaves) {
            root.update(leaf.finish(), 0, innerLength);
        }
        byte[] out = Arrays.copyOf(root.finish(), length);
        engineReset();
        return out;
    }

    @Override
    protected void engineReset() {
        leaves = new Blake2Node[leafCount];
        for (int i = 0; i < leafCount; i++) {
            leaves[i] = maker.node(leafCount, 2, i, 0, innerLength, i == leafCount - 1);
        }
        position = 0;
    }
}
