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
        try {
            return VerdictRules.decide(gather(banner, knownApps, timeout), knownApps);
        } catch (RunInterruptedException e) {
            throw e; // Ctrl-C is no verdict about the board
        } catch (LinkException | GpioException e) {
            return Verdict.rigFault(e.getMessage());
        } catch (RigTimeoutException e) {
            return Verdict.rigFault("the rig timed out: " + e.getMessage());
        } catch (RigException e) {
            return Verdict.rigFault(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private BootEvidence gather(Pattern banner, List<FirmwareImage> knownApps, Duration timeout) {
        ConsoleLineWait wait = Wait.forConsoleLine(banner).withTimeout(timeout);
        Optional<ConsoleMatch> match;
        try {
            match = board.waitFor(wait).match();
        } catch (RigTimeoutException e) {
            match = Optional.empty();
        }
        Optional<String> coreFailure = board.simulated().flatMap(VerdictJudge::coreFailure);
        BootEvidence.AppArea area = appArea(knownApps);
        if (match.isEmpty()) {
            return new BootEvidence(Optional.empty(), "", Optional.empty(), coreFailure, timeout, area);
        }
        String version = match.get().group(1) + "." + match.get().group(2);
        Optional<FirmwareImage> image = knownApps.stream().filter(i -> i.version().equals(version)).findFirst();
        Optional<String> sha = image.flatMap(i -> board.flashReader()
                .map(r -> FirmwareManifests.sha256(r.read(i.loadAddress(), i.size()))));
        return new BootEvidence(Optional.of(version), match.get().line(), sha, coreFailure, timeout, area);
    }

    private BootEvidence.AppArea appArea(List<FirmwareImage> knownApps) {
        if (board.flashReader().isEmpty() || knownApps.isEmpty()) {
            return BootEvidence.AppArea.UNKNOWN;
        }
        var reader = board.flashReader().get();
        int base = knownApps.get(0).loadAddress();
        byte[] vectors = reader.read(base, 8);
        boolean erased = true;
        for (byte v : vectors) {
            erased &= v == (byte) 0xFF;
        }
        if (erased) {
            return BootEvidence.AppArea.VECTORS_ERASED;
        }
        for (FirmwareImage image : knownApps) {
            if (FirmwareManifests.sha256(reader.read(image.loadAddress(), image.size())).equals(image.sha256())) {
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
