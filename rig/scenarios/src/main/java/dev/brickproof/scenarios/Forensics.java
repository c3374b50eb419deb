package dev.brickproof.scenarios;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario does after a verdict that is not "the expected image boots": dump all of main flash once
 * through the STM32 ROM bootloader (AN3155, on emulated boards too, so the hardware code path runs), compare it
 * region by region with the expected images ({@link FlashDiff}, {@link FlashMap}: the scenario's flash map then
 * comes from the dump, so flash is read once), then recover the board the
 * way the CLI's {@code recover} does ({@link Provisioner#provisionThroughRom}: BOOT0 + reset, mass erase, the
 * bootloader and v1 written and read back) and prove v1 boots again: its banner and v1's bytes in flash.
 *
 * <p>When the board does not come back, whose fault is it? The ROM bootloader lives in system memory, which
 * firmware cannot erase, so:
 * <ul>
 * <li>the ROM bootloader refuses (NACKs) an erase, write or read: flash protection (read-out or write
 *     protection) left set by the firmware under test — a <b>product defect</b>: the board needs a debug probe;</li>
 * <li>the images were rewritten and verified, yet v1 does not boot from them: something outside main flash
 *     that the firmware changed (option bytes) — a <b>product defect</b>; the rig booted the same images at
 *     the start of this scenario;</li>
 * <li>the ROM bootloader does not answer, answers as another part, garbles the protocol, or the rig's port,
 *     GPIO or relay fails — a <b>rig fault</b> (BOOT0 or reset wiring, the serial adapter): fix the rig and
 *     rerun.</li>
 * </ul>
 * A RIG_FAULT verdict gets no forensics: a rig that cannot be trusted to judge cannot be trusted to dump.
 */
public final class Forensics {
    private final Board board;
    private final ScenarioSteps steps;
    private final RomAccess rom;

    public Forensics(Board board, ScenarioSteps steps) {
        this(board, steps, new RomAccess() {
            @Override
            public byte[] dump(int address, int length) {
                return Provisioner.romLoader(board).read(address, length);
            }

            @Override
            public void reprogram(FirmwareImage bootloader, FirmwareImage app) {
                BoardSetup.provision(board, bootloader, app, true, steps);
            }
        });
    }

    Forensics(Board board, ScenarioSteps steps, RomAccess rom) {
        this.board = board;
        this.steps = steps;
        this.rom = rom;
    }

    /** The two things forensics does through the ROM bootloader (a seam for tests of the fault rule). */
    interface RomAccess {
        byte[] dump(int address, int length);

        /** Leaves the board powered off with exactly these images (and the profile's provisioning writes). */
        void reprogram(FirmwareImage bootloader, FirmwareImage app);
    }

    /**
     * Whether {@code verdict} needs forensics: anything but a rig fault and the expected version booting
     * ({@code expectedVersion} empty: no version is the expected outcome, e.g. a negative control's BRICKED).
     */
    public static boolean needed(Verdict verdict, Optional<String> expectedVersion) {
        if (verdict.kind() == Verdict.Kind.RIG_FAULT) {
            return false;
        }
        return verdict.kind() != Verdict.Kind.BOOTED || expectedVersion.filter(verdict.version()::equals).isEmpty();
    }

    /** {@link #examine} when {@link #needed}, else empty. */
    public Optional<ForensicsResult> ifNeeded(Verdict verdict, Optional<String> expectedVersion,
                                              FirmwareImage bootloader, String scenario) {
        return needed(verdict, expectedVersion) ? Optional.of(examine(verdict, bootloader, scenario))
                : Optional.empty();
    }

    /**
     * Dumps, compares and recovers the board, which ran {@code bootloader}; {@code scenario} names the dump file
     * (written next to the board's console transcript).
     */
    public ForensicsResult examine(Verdict verdict, FirmwareImage bootloader, String scenario) {
        FirmwareProfile fw = board.firmware();
        return examine(verdict, bootloader, List.of(bootloader, fw.app(), fw.update()), scenario);
    }

    /**
     * As {@link #examine(Verdict, FirmwareImage, String)}, the regions compared against {@code expected} (the
     * bootloader and the apps this scenario installed, e.g. a trial-boot scenario's crashing v2).
     */
    public ForensicsResult examine(Verdict verdict, FirmwareImage bootloader, List<FirmwareImage> expected,
                                   String scenario) {
        FirmwareProfile fw = board.firmware();
        Chip chip = board.resource().chip();
        FlashLayout layout = bootloader.layout().regions().isEmpty() ? fw.layout() : bootloader.layout();
        board.simulated().ifPresent(SimulatedBoard::disarmPowerCut);
        Optional<byte[]> dump;
        Optional<String> problem = Optional.empty();
        try {
            dump = Optional.of(steps.step("dump all of flash (" + chip.flashSize() / 1024
                    + " KiB) through the ROM bootloader (AN3155)", () -> rom.dump(chip.flashBase(),
                    chip.flashSize())));
        } catch (RunInterruptedException e) {
            throw e;
        } catch (RigException e) {
            dump = Optional.empty();
            problem = Optional.of("the ROM bootloader read failed: " + e.getMessage());
        }
        Optional<Path> file = dump.map(bytes -> write(bytes, scenario));
        String sha = dump.map(FirmwareManifests::sha256).orElse("");
        List<FlashDiff.ImageDiff> diffs = dump.map(d -> FlashDiff.compare(d, chip.flashBase(), chip.pageSize(),
                layout, expected)).orElse(List.of());
        String diffText = dump.map(d -> FlashDiff.text(diffs)).orElse("no flash dump, no diff\n");
        String map = dump.map(d -> FlashMap.of(board, d, chip.flashBase(), layout, expected))
                .orElse("no flash dump, no flash map\n");
        dump.ifPresent(d -> steps.attach("flash dump " + board.id() + ".bin", "application/octet-stream", d, ".bin"));
        steps.attach("flash diff " + board.id(), "text/plain", diffText + "\n" + map, ".txt");
        Recovery recovery = recover(bootloader);
        steps.parameter("recoverable through the ROM bootloader", recovery.recovered() ? "yes" : "no");
        ForensicsResult result = new ForensicsResult(verdict, file, sha, problem, diffs, diffText, map, recovery);
        steps.attach("forensics " + board.id(), "text/plain", result.summary(), ".txt");
        steps.record(new ScenarioRecord("forensics", board.id(), bootloader.variant(), result));
        return result;
    }

    private Path write(byte[] dump, String scenario) {
        Path transcript = board.console().transcript();
        String name = scenario.replaceAll("[^A-Za-z0-9._-]", "_") + "-flash.bin";
        Path file = transcript == null ? Path.of(name) : transcript.resolveSibling(name);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, dump);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flash dump " + file, e);
        }
    }

    private Recovery recover(FirmwareImage bootloader) {
        FirmwareImage v1 = board.firmware().app();
        try {
            rom.reprogram(bootloader, v1);
            steps.step("power on", () -> {
                board.console().skipPending();
                board.power().on();
            });
        } catch (RunInterruptedException e) {
            throw e;
        } catch (DeviceRejectedException e) {
            return Recovery.failed(Optional.empty(), ExitStatus.PRODUCT_DEFECT, "the ROM bootloader refused the"
                    + " reprogramming (flash protection left set by the firmware?): " + e.getMessage());
        } catch (RigException e) {
            return Recovery.failed(Optional.empty(), ExitStatus.RIG_FAULT, "the ROM bootloader could not be used ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check BOOT0, reset and the serial"
                    + " adapter, then rerun");
        }
        Verdict after = BoardSetup.judge(board, steps, "verdict after the recovery");
        if (after.kind() == Verdict.Kind.BOOTED && v1.version().equals(after.version())) {
            return Recovery.recovered(after);
        }
        if (after.kind() == Verdict.Kind.RIG_FAULT) {
            return Recovery.failed(Optional.of(after), ExitStatus.RIG_FAULT, "the rig failed while judging the"
                    + " recovered board: " + after.detail());
        }
        return Recovery.failed(Optional.of(after), ExitStatus.PRODUCT_DEFECT, bootloader.label() + " and "
                + v1.label() + " were rewritten and read back through the ROM bootloader, yet " + after
                + ": the firmware changed something outside main flash (option bytes?)");
    }
}
