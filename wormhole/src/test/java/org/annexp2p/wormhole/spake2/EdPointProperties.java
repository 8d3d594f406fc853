package org.annexp2p.wormhole.spake2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The windowed scalar multiplication and the doubling against plain double-and-add over {@link EdPoint#add}. */
class EdPointProperties {

    @Property(tries = 60)
    void windowedMultiplicationIsDoubleAndAdd(@ForAll("scalars") BigInteger k, @ForAll("scalars") BigInteger p) {
        EdPoint point = EdPoint.BASE.multiply(p);
        assertThat(point.multiply(k).sameAs(doubleAndAdd(point, k))).as("k = %s", k).isTrue();
    }

    @Property(tries = 60)
    void doublingIsAddingAPointToItself(@ForAll("scalars") BigInteger p) {
        EdPoint point = EdPoint.BASE.multiply(p);
        assertThat(point.twice().sameAs(point.add(point))).isTrue();
    }

    @Property(tries = 40)
    void aNegatedMultipleIsTheMultipleByTheOrderMinusTheScalar(@ForAll("scalars") BigInteger k) {
        EdPoint s = EdPoint.BASE.multiply(BigInteger.valueOf(7));
        assertThat(s.multiply(k.mod(EdPoint.L)).negate().sameAs(s.multiply(k.negate().mod(EdPoint.L)))).isTrue();
        assertThat(s.multiply(k).add(s.multiply(k).negate()).isIdentity()).isTrue();
    }

    @Property(tries = 20)
    void smallAndEdgeScalars(@ForAll("small") int k) {
        assertThat(EdPoint.BASE.multiply(BigInteger.valueOf(k)).sameAs(doubleAndAdd(EdPoint.BASE, BigInteger.valueOf(k)))).isTrue();
        assertThat(EdPoint.BASE.multiply(EdPoint.L).isIdentity()).isTrue();
    }

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(260)),
                Arbitraries.bigIntegers().between(EdPoint.L.subtract(BigInteger.valueOf(20)), EdPoint.L.add(BigInteger.valueOf(20))),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(40)));
    }

    @Provide
    Arbitrary<Integer> small() {
        return Arbitraries.integers().between(0, 300);
    }

    private static EdPoint doubleAndAdd(EdPoint point, BigInteger k) {
        EdPoint result = EdPoint.IDENTITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = result.add(result);
            if (k.testBit(i)) {
                result = result.add(point);
            }
        }
        return result;
    }
}
