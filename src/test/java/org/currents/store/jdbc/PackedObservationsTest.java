package org.currents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.currents.store.Observation;
import org.junit.jupiter.api.Test;

/** A revision's observations read back from their packed value exactly as they were. */
class PackedObservationsTest {
    @Property
    void readsBackWhatItPacked(@ForAll("observations") List<Observation> observations) {
        byte[] packed = PackedObservations.pack(observations);
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(java.util.Comparator.comparingInt(Observation::position));
        assertThat(PackedObservations.unpack(7, packed)).isEqualTo(sorted);
    }

    @Test
    void keepsHexKeysAndIdsAsHalfTheirLength() {
        List<Observation> one = List.of(new Observation(7, 1, "6ea4dd0e11c9de84fb8d659d6f0e8b1e", "88df329bfeaeca95"));
        // format, count, position, two headers, 16 + 8 bytes
        assertThat(PackedObservations.pack(one)).hasSize(1 + 1 + 1 + 1 + 16 + 1 + 8);
        // upper-case digits, odd lengths and the empty id are not hex: kept as UTF-8, as they were
        for (String odd : List.of("6EA4", "abc", "", "zz", "é1")) {
            List<Observation> o = List.of(new Observation(7, 2, odd, odd));
            assertThat(PackedObservations.unpack(7, PackedObservations.pack(o))).isEqualTo(o);
        }
    }

    @Test
    void packsInOrderOfPosition() {
        List<Observation> shuffled = List.of(new Observation(3, 2, "bb", "b1"), new Observation(3, 1, "aa", "a1"));
        assertThat(PackedObservations.unpack(3, PackedObservations.pack(shuffled)))
                .extracting(Observation::position)
                .containsExactly(1, 2);
    }

    @Test
    void refusesAValueItDidNotPackNamingTheRevision() {
        byte[] good = PackedObservations.pack(
                List.of(new Observation(9, 1, "6ea4dd0e11c9de84fb8d659d6f0e8b1e", "88df329bfeaeca95")));
        assertThatThrownBy(() -> PackedObservations.unpack(9, Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("corrupt observations of revision 9 in the archive: a string of 8 bytes");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> PackedObservations.unpack(9, longer))
                .hasMessage("corrupt observations of revision 9 in the archive: 1 bytes after the last observation");
        byte[] other = good.clone();
        other[0] = 2;
        assertThatThrownBy(() -> PackedObservations.unpack(9, other))
                .hasMessage("corrupt observations of revision 9 in the archive: layout 2 is not one this build reads");
        assertThatThrownBy(() -> PackedObservations.unpack(9, new byte[0]))
                .hasMessage("corrupt observations of revision 9 in the archive: it ends after 0 bytes");
        assertThatThrownBy(() -> PackedObservations.unpack(
                        9, new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> PackedObservations.unpack(9, new byte[] {1, 100}))
                .hasMessage("corrupt observations of revision 9 in the archive: 100 observations in 2 bytes");
    }

    @Provide
    Arbitrary<List<Observation>> observations() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("0123456789abcdef")
                        .ofMinLength(0)
                        .ofMaxLength(40),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(40));
        Arbitrary<Observation> one = Combinators.combine(
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), text, text)
                .as((position, key, id) -> new Observation(7, position, key, id));
        return one.list().ofMaxSize(60).uniqueElements(Observation::position);
    }
}
