package dev.brickproof.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the decoder or loader a property fuzzes and how many cases it gets: {@link #sample()} in the default
 * build (a fixed seed, so the build is reproducible), {@link #campaign()} under {@code -Pfuzz}. Read by
 * {@link FuzzBudget}, which sets the property's tries and seed and records the figures.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FuzzTarget {
    /** Target name in {@code reports/bench/fuzz.json}, e.g. {@code "YmodemCodec.decode"}. */
    String value();

    /** Cases in the default build. */
    int sample();

    /** Cases in the {@code -Pfuzz} campaign. */
    int campaign();

    /** Longest one case may take (a hang guard, generous for a shared build machine), in milliseconds. */
    long maxCaseMillis() default 10_000;

    /** Most one case may allocate, in MiB (what a decoder allocates must follow the input, not its claims). */
    long maxCaseMegabytes() default 16;
}
