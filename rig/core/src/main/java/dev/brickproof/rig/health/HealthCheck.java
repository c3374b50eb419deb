package dev.brickproof.rig.health;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.driver.ConsoleMatch;
import dev.brickproof.rig.protocol.an3155.RomInfo;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.time.Deadline;
import dev.brickproof.rig.update.Provisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A board's health job (as LAVA runs before real work): does the rig really control this board? Each probe says
 * what it did and what it saw; a board that fails any probe is a rig fault, never a product verdict, and is left
 * out of the run.
 *
 * <ol>
 *   <li><b>rom</b>: BOOT0 + NRST pulse → the STM32 ROM bootloader answers with the chip's product ID;</li>
 *   <li><b>provision</b>: the board's bootloader and v1 application are written (through the ROM bootloader on
 *       hardware);</li>
 *   <li><b>power</b>: relay off, then on → the bootloader banner within the boot timeout;</li>
 *   <li><b>reset</b>: an NRST pulse → the bootloader banner again;</li>
 *   <li><b>power-off</b>: relay off → the console falls silent (nothing but what was already on the wire).</li>
 * </ol>
 * The board is left in its safe state.
 */
public final class HealthCheck {
    /** How long the console must stay silent after the relay opens. */
    static final Duration SILENCE = Duration.ofMillis(500);
    /** Quiet time that counts as "the board finished printing" before the NRST probe. */
    static final Duration SETTLED = Duration.ofMillis(150);

    private final Board board;

    public HealthCheck(Board board) {
        this.board = board;
    }

    /** Runs every probe in order; after the first failure the remaining probes are reported as not run. */
    public HealthReport run() {
        List<HealthReport.Probe> probes = new ArrayList<>();
        Optional<FirmwareProfile> firmware = board.resource().firmwareProfile();
        boolean failed = false;
        failed = probe(probes, failed, "rom", this::romAnswers);
        if (firmware.isEmpty()) {
            probes.add(HealthReport.Probe.notRun("provision", "the board has no firmware section in the rig file"));
        } else {
            FirmwareProfile fw = firmware.get();
            Pattern banner = fw.bootloader().banner();
            failed = probe(probes, failed, "provision", () -> provision(fw));
            failed = probe(probes, failed, "power", () -> powerCycleShowsBanner(banner));
            failed = probe(probes, failed, "reset", () -> resetShowsBanner(banner));
        }
        probe(probes, failed, "power-off", this::powerOffSilencesConsole);
        try {
            board.toSafeState();
        } catch (RigException e) {
            probes.add(HealthReport.Probe.failed("safe-state", e.getMessage(), Duration.ZERO));
        }
        return new HealthReport(board.id(), board.resource().chip().name(), probes);
    }

    private boolean probe(List<HealthReport.Probe> probes, boolean failedBefore, String name, ProbeBody body) {
        if (failedBefore) {
            probes.add(HealthReport.Probe.notRun(name, "an earlier probe failed"));
            return true;
        }
        long start = System.nanoTime();
        try {
            String detail = body.run();
            probes.add(HealthReport.Probe.passed(name, detail, Duration.ofNanos(System.nanoTime() - start)));
            return false;
        } catch (RigException e) {
            probes.add(HealthReport.Probe.failed(name, e.getMessage(), Duration.ofNanos(System.nanoTime() - start)));
            return true;
        }
    }

    @FunctionalInterface
    private interface ProbeBody {
        String run();
    }

    private String romAnswers() {
        RomInfo info = Provisioner.romLoader(board).identify();
        board.power().off();
        return info + " (expected PID 0x" + Integer.toHexString(board.resource().chip().productId()).toUpperCase()
                + " of " + board.resource().chip() + ")";
    }

    private String provision(FirmwareProfile fw) {
        List<FirmwareImage> images = List.of(fw.bootloader(), fw.app());
        Provisioner.provision(board, images);
        return "wrote " + images.stream().map(FirmwareImage::label).toList();
    }

    private String powerCycleShowsBanner(Pattern banner) {
        board.power().off();
        board.clock().pause(board.resource().timing().powerOff());
        board.console().skipPending();
        board.power().on();
        return "relay off/on: " + awaitBanner(banner, "the bootloader banner after power-on");
    }

    private String resetShowsBanner(Pattern banner) {
        // let the boot the power probe started finish its output first: a pulse in the middle of a line leaves
        // that line unterminated, and the new banner is glued to it ("IAP: starting appbrickproof ... boot")
        awaitConsoleSettled();
        board.console().skipPending();
        board.reset().pulse();
        return "NRST pulse: " + awaitBanner(banner, "the bootloader banner after an NRST pulse");
    }

    /**
     * Waits, at most the boot timeout, until the console has received nothing for {@link #SETTLED}: the board has
     * finished what it was printing. A board that never stops talking (a menu that repeats) is not an error
     * here; the probe goes on when the time is up.
     */
    private void awaitConsoleSettled() {
        Deadline deadline = board.clock().deadlineAfter(board.resource().timing().bootTimeout(),
                "the console to settle before the NRST pulse");
        board.console().skipPending(); // reads what has arrived (the console reads when asked)
        List<String> before = board.console().lastLines(2);
        while (!deadline.expired()) {
            board.clock().pause(SETTLED);
            board.console().skipPending();
            List<String> now = board.console().lastLines(2);
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
    }

    private String awaitBanner(Pattern banner, String awaited) {
        Deadline deadline = board.clock().deadlineAfter(board.resource().timing().bootTimeout(), awaited);
        ConsoleMatch match = board.console().expect(banner, deadline);
        return "'" + match.line() + "'";
    }

    private String powerOffSilencesConsole() {
        board.power().off();
        board.clock().pause(board.resource().timing().powerOff());
        board.console().skipPending();
        board.clock().pause(SILENCE);
        List<String> heard = new ArrayList<>();
        board.console().poll(Pattern.compile(".")).ifPresent(m -> heard.add(m.line()));
        if (!heard.isEmpty()) {
            throw new RigException("the console kept talking with the relay open (" + heard
                    + "): the relay does not cut the board's supply, or the console adapter is powered by another"
                    + " board. Fix: check the relay wiring (power.relay, power.wiring) in the rig file");
        }
        return "silent for " + SILENCE.toMillis() + " ms with the relay open";
    }
}
