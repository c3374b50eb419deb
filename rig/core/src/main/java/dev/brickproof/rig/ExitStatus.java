package dev.brickproof.rig;

import dev.brickproof.rig.verdict.Verdict;

/**
 * The exit codes every Brickproof command and script uses, so that a nightly job can tell a broken
 * product from a broken rig or a wrong rig file without reading the output.
 *
 * <table>
 * <caption>exit codes</caption>
 * <tr><td>0</td><td>{@link #PROMISE_KEPT}</td><td>every scenario kept the manifest's promise</td></tr>
 * <tr><td>1</td><td>{@link #PRODUCT_DEFECT}</td><td>the firmware broke a promise (bricked, corrupted, wrong version)</td></tr>
 * <tr><td>2</td><td>{@link #RIG_FAULT}</td><td>the rig failed (port, GPIO, relay, rig timeout, board leased by another run)</td></tr>
 * <tr><td>3</td><td>{@link #CONFIGURATION_ERROR}</td><td>a rig file or manifest is wrong; no board was touched</td></tr>
 * <tr><td>64</td><td>{@link #USAGE}</td><td>the command line is wrong (sysexits EX_USAGE)</td></tr>
 * <tr><td>70</td><td>{@link #INTERNAL_ERROR}</td><td>a bug in Brickproof (sysexits EX_SOFTWARE)</td></tr>
 * <tr><td>130</td><td>{@link #INTERRUPTED}</td><td>stopped by Ctrl-C / SIGINT</td></tr>
 * </table>
 */
public enum ExitStatus {
    PROMISE_KEPT(0),
    PRODUCT_DEFECT(1),
    RIG_FAULT(2),
    CONFIGURATION_ERROR(3),
    USAGE(64),
    INTERNAL_ERROR(70),
    INTERRUPTED(130);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The status a run ends with when {@code failure} escaped it: an interruption is 130, configuration errors
     * are 3, every other rig error 2, anything else is a Brickproof bug (70).
     */
    public static ExitStatus of(Throwable failure) {
        if (failure instanceof RunInterruptedException) {
            return INTERRUPTED;
        }
        if (failure instanceof RigConfigurationException) {
            return CONFIGURATION_ERROR;
        }
        if (failure instanceof RigException) {
            return RIG_FAULT;
        }
        return INTERNAL_ERROR;
    }

    /** The status of one verdict against its promise: kept, a product defect, or a rig fault. */
    public static ExitStatus of(Verdict verdict, boolean promiseKept) {
        if (verdict.kind() == Verdict.Kind.RIG_FAULT) {
            return RIG_FAULT;
        }
        return promiseKept ? PROMISE_KEPT : PRODUCT_DEFECT;
    }

    /** The worse of two statuses, for a run of several scenarios (interrupted > config > rig > product > kept). */
    public ExitStatus worst(ExitStatus other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case PROMISE_KEPT -> 0;
            case PRODUCT_DEFECT -> 1;
            case RIG_FAULT -> 2;
            case CONFIGURATION_ERROR -> 3;
            case USAGE -> 4;
            case INTERNAL_ERROR -> 5;
            case INTERRUPTED -> 6;
        };
    }
}
