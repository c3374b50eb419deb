package dev.brickproof.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Input arbitraries shared by the properties: random bytes and mutated valid inputs. */
final class Inputs {
    private Inputs() {
    }

    /** Any bytes, up to {@code maxLength}. */
    static Arbitrary<byte[]> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, Mutation.KINDS - 1),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }

    /** One of {@code seeds} with up to {@code maxMutations} mutations applied. */
    static Arbitrary<byte[]> mutated(List<byte[]> seeds, int maxMutations) {
        return Combinators.combine(Arbitraries.of(seeds), mutation().list().ofMaxSize(maxMutations))
                .as(Mutation::applyAll);
    }

    /** Mutated valid inputs most of the time, plain random bytes otherwise. */
    static Arbitrary<byte[]> mostlyMutated(List<byte[]> seeds, int maxMutations, int maxRandomLength) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, mutated(seeds, maxMutations)),
                net.jqwik.api.Tuple.of(1, bytes(maxRandomLength)));
    }
}
