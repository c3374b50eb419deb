package dev.brickproof.emulator;

import java.time.Duration;
import java.util.List;

/**
 * What happened on a board that the harness should be able to show: faults, lock-ups, resets, and the
 * unmodelled peripheral addresses firmware touched (each once); also how many hot straight runs of the
 * firmware the core compiled into JVM methods ({@link BoardOptions#blockTranslation()}).
 */
public record RunReport(List<Event> events, List<Integer> unmodelledAddresses, long translatedRuns) {

    public RunReport {
        events = List.copyOf(events);
        unmodelledAddresses = List.copyOf(unmodelledAddresses);
    }

    /**
     * @param at     virtual time
     * @param kind   e.g. "reset", "hardfault", "lockup", "nmi", "iwdg-reset", "power-off", "power-cut", "halted"
     * @param detail human text naming PC, cause and addresses
     */
    public record Event(Duration at, String kind, String detail) { }
}
