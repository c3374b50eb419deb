package dev.brickproof.rig.health;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one board's {@link HealthCheck}: healthy only when every probe passed.
 *
 * @param board  board id
 * @param chip   the chip the rig file names
 * @param probes every probe in order, including those not run after a failure
 */
public record HealthReport(String board, String chip, List<Probe> probes) {

    public HealthReport {
        probes = List.copyOf(probes);
    }

    public boolean healthy() {
        return probes.stream().allMatch(p -> p.status() == Status.PASSED);
    }

    /** The first failed probe's name and detail, for "left out of the run" messages. */
    public String firstProblem() {
        return probes.stream().filter(p -> p.status() == Status.FAILED).findFirst()
                .map(p -> p.name() + ": " + p.detail()).orElse("none");
    }

    public enum Status { PASSED, FAILED, NOT_RUN }

    /** One probe: what was checked, what happened, how long it took. */
    public record Probe(String name, Status status, String detail, Duration took) {
        static Probe passed(String name, String detail, Duration took) {
            return new Probe(name, Status.PASSED, detail, took);
        }

        static Probe failed(String name, String detail, Duration took) {
            return new Probe(name, Status.FAILED, detail, took);
        }

        static Probe notRun(String name, String why) {
            return new Probe(name, Status.NOT_RUN, why, Duration.ZERO);
        }
    }
}
