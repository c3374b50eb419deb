package dev.brickproof.rig.verdict;

import dev.brickproof.api.BoardStatus;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.GpioException;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.wait.ConsoleLineWait;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gathers {@link BootEvidence} from a board that has just been powered or reset, and applies
 * {@link VerdictRules}. Rig failures while gathering become RIG_FAULT, never BRICKED.
 */
public final class VerdictJudge {
    private final Board board;

    public VerdictJudge(Board board) {
        this.board = board;
    }

    /**
     * Waits up to {@code timeout} for the application banner (versions from group 1 and 2 of
     * {@code banner}), reads the application back and decides.
     */
    public Verdict judge(Pattern banner, List<FirmwareImage> knownApps, Duration timeout) {
        return judge(banner, knownApps, timeout, true);
    }

    /**
     * As {@link #judge(Pattern, List, Duration)}; with {@code readBackWithoutBanner} false, a board that shows no
     * banner is judged without reading its flash (BRICKED, the app area "not read back"): for a caller that will
     * have the host repeat the transfer anyway and judges again after it, so that this verdict's detail would
     * be discarded and the read would only cost a ROM bootloader session (and, in a sweep, make the flash the
     * transfer rewrites look like an input of the recovery).
     */
    public Verdict judge(Pattern banner, List<FirmwareImage> knownApps, Duration timeout,
                         boolean readBackWithoutBanner) {
        return judgeObserved(banner, knownApps, timeout, readBackWithoutBanner, () -> { }).verdict();
    }

    /**
     * What the board showed after a boot attempt, before its flash is read: the banner line (if it came in
     * time), a core failure of an emulated board, and how long the banner was awaited. With the flash read
     * back, {@link #decide} turns it into the verdict.
     */
    public record Observation(Optional<ConsoleMatch> banner, Optional<String> coreFailure, Duration waited) {
    }

    /** A verdict and the observation it was decided from ({@code observation} empty when the rig failed). */
    public record Judgement(Verdict verdict, Optional<Observation> observation) {
    }

    /**
     * As {@link #judge(Pattern, List, Duration, boolean)}, running {@code beforeReadBack} between watching the
     * console and reading the flash back, and returning the observation too: a power-cut sweep stops recording
     * the board's flash footprint there, and decides the verdict again from another cut's flash with
     * {@link #decide}.
     */
    public Judgement judgeObserved(Pattern banner, List<FirmwareImage> knownApps, Duration timeout,
                                   boolean readBackWithoutBanner, Runnable beforeReadBack) {
        try {
            Observation seen = observe(banner, timeout);
            beforeReadBack.run();
            Optional<byte[]> flash = seen.banner().isPresent() || readBackWithoutBanner ? readBack(knownApps)
                    : Optional.empty();
            return new Judgement(decide(seen, knownApps, flash.map(f -> new Span(spanStart(knownApps), f))),
                    Optional.of(seen));
        } catch (RunInterruptedException e) {
            throw e; // Ctrl-C is no verdict about the board
        } catch (LinkException | GpioException e) {
            return new Judgement(Verdict.rigFault(e.getMessage()), Optional.empty());
        } catch (RigTimeoutException e) {
            return new Judgement(Verdict.rigFault("the rig timed out: " + e.getMessage()), Optional.empty());
        } catch (RigException e) {
            return new Judgement(Verdict.rigFault(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    Optional.empty());
        }
    }

    private Observation observe(Pattern banner, Duration timeout) {
        ConsoleLineWait wait = Wait.forConsoleLine(banner).withTimeout(timeout);
        Optional<ConsoleMatch> match;
        try {
            match = board.waitFor(wait).match();
        } catch (RigTimeoutException e) {
            match = Optional.empty();
        }
        return new Observation(match, board.simulated().flatMap(VerdictJudge::coreFailure), timeout);
    }

    /**
     * The verdict for {@code seen} with main flash {@code flash} (the whole of it, from {@code flashBase}): the
     * same rules as {@link #judge}, for a flash the caller already holds.
     */
    public static Verdict decide(Observation seen, List<FirmwareImage> knownApps, byte[] flash, int flashBase) {
        if (knownApps.isEmpty()) {
            return decide(seen, knownApps, Optional.empty());
        }
        int from = spanStart(knownApps);
        int to = spanEnd(knownApps);
        return decide(seen, knownApps, Optional.of(new Span(from,
                java.util.Arrays.copyOfRange(flash, from - flashBase, to - flashBase))));
    }

    private static Verdict decide(Observation seen, List<FirmwareImage> knownApps, Optional<Span> flash) {
        BootEvidence.AppArea area = appArea(flash, knownApps);
        if (seen.banner().isEmpty()) {
            return VerdictRules.decide(new BootEvidence(Optional.empty(), "", Optional.empty(), seen.coreFailure(),
                    seen.waited(), area), knownApps);
        }
        ConsoleMatch match = seen.banner().get();
        String version = match.group(1) + "." + match.group(2);
        Optional<FirmwareImage> image = knownApps.stream().filter(i -> i.version().equals(version)).findFirst();
        Optional<String> sha = image.flatMap(i -> flash.map(f -> FirmwareManifests.sha256(f.slice(i.loadAddress(), i.size()))));
        return VerdictRules.decide(new BootEvidence(Optional.of(version), match.line(), sha, seen.coreFailure(),
                seen.waited(), area), knownApps);
    }

    /** Flash as read back once per verdict (on hardware one ROM bootloader session): the span of every known app. */
    private record Span(int base, byte[] bytes) {
        byte[] slice(int address, int length) {
            int from = address - base;
            return java.util.Arrays.copyOfRange(bytes, from, from + length);
        }
    }

    private static int spanStart(List<FirmwareImage> knownApps) {
        return (int) knownApps.stream().mapToLong(i -> Integer.toUnsignedLong(i.loadAddress())).min().orElseThrow();
    }

    private static int spanEnd(List<FirmwareImage> knownApps) {
        return (int) knownApps.stream().mapToLong(i -> Integer.toUnsignedLong(i.loadAddress()) + i.size()).max()
                .orElseThrow();
    }

    private Optional<byte[]> readBack(List<FirmwareImage> knownApps) {
        if (board.flashReader().isEmpty() || knownApps.isEmpty()) {
            return Optional.empty();
        }
        int from = spanStart(knownApps);
        return Optional.of(board.flashReader().get().read(from, spanEnd(knownApps) - from));
    }

    private static BootEvidence.AppArea appArea(Optional<Span> flash, List<FirmwareImage> knownApps) {
        if (flash.isEmpty()) {
            return BootEvidence.AppArea.UNKNOWN;
        }
        byte[] vectors = flash.get().slice(knownApps.get(0).loadAddress(), 8);
        boolean erased = true;
        for (byte v : vectors) {
            erased &= v == (byte) 0xFF;
        }
        if (erased) {
            return BootEvidence.AppArea.VECTORS_ERASED;
        }
        for (FirmwareImage image : knownApps) {
            if (FirmwareManifests.sha256(flash.get().slice(image.loadAddress(), image.size())).equals(image.sha256())) {
                return BootEvidence.AppArea.KNOWN_IMAGE;
            }
        }
        return BootEvidence.AppArea.PARTIAL;
    }

    private static Optional<String> coreFailure(SimulatedBoard sim) {
        BoardStatus status = sim.status();
        if (status == BoardStatus.LOCKED_UP || status == BoardStatus.HALTED) {
            return Optional.of(status + sim.lastEvent().map(e -> ": " + e).orElse(""));
        }
        return Optional.empty();
    }
}
