package dev.brickproof.fuzz;

import java.util.List;

/**
 * The exceptions a decoder or loader documents for bad input. Anything else it throws (an
 * ArrayIndexOutOfBoundsException, a NullPointerException, an OutOfMemoryError) is a crash.
 */
record Outcome(List<Class<? extends Throwable>> documented) {

    @SafeVarargs
    static Outcome documents(Class<? extends Throwable>... types) {
        return new Outcome(List.of(types));
    }

    boolean isDocumented(Throwable t) {
        return documented.stream().anyMatch(type -> type.isInstance(t));
    }

    @Override
    public String toString() {
        return documented.stream().map(Class::getSimpleName).toList().toString();
    }
}
