package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.testng.annotations.Test;

/** Forensics on lockstep boards of the default rig: the dump, the region diff, the recovery and its proof. */
public class ForensicsTest {
    private final RigDescription rig = ReferenceRig.load();

    /** Records what a scenario reports, like the Allure steps do. */
    private static final class Recorded implements ScenarioSteps {
        final List<String> attachments = new ArrayList<>();
        final List<ScenarioRecord> records = new ArrayList<>();
        byte[] dump;

        @Override
        public <T> T step(String name, java.util.function.Supplier<T> action) {
            return action.get();
        }

        @Override
        public void parameter(String name, Object value) {
        }

        @Override
        public void attach(String name, String mediaType, String content, String extension) {
            attachments.add(name);
        }

        @Override
        public void attach(String name, String mediaType, byte[] content, String extension) {
            attachments.add(name);
            dump = content;
        }

        @Override
        public void record(ScenarioRecord record) {
            records.add(record);
        }
    }

    private Rig open(String boardId, UnaryOperator<BoardResource> change) throws Exception {
        BoardResource b = change.apply(rig.board(boardId).orElseThrow());
        RigDescription alone = new RigDescription(rig.file(), "forensics-test-" + boardId, rig.gpio(), rig.runs(),
                List.of(b));
        return Rig.open(alone, RigOptions.defaults().withLockstep(true).withShutdownHook(false)
                .withPortDirectory(Files.createTempDirectory("by-id")));
    }

    /** v1's first page erased behind the bootloader's back: the board cannot start the app. */
    private static Verdict brickByErasingV1sFirstPage(Board board) {
        FirmwareProfile fw = board.firmware();
        Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
        byte[] erased = new byte[board.resource().chip().pageSize()];
        Arrays.fill(erased, (byte) 0xFF);
        board.simulated().orElseThrow().program(fw.app().loadAddress(), erased);
        board.power().on();
        return BoardSetup.judge(board, ScenarioSteps.NONE);
    }

    @Test
    public void aBrickedBoardIsDumpedDiffedAndRecoveredToV1ThroughTheRomBootloader() throws Exception {
        try (Rig r = open("f103-d1", b -> b)) {
            Board board = r.board("f103-d1");
            board.console().startTranscript(r.runDir().resolve("f103-d1").resolve("forensics-test.log"));
            FirmwareProfile fw = board.firmware();
            Verdict verdict = brickByErasingV1sFirstPage(board);
            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.BRICKED);
            var chip = board.resource().chip();
            byte[] before = board.flashReader().orElseThrow().read(chip.flashBase(), chip.flashSize());
            Recorded steps = new Recorded();

            ForensicsResult f = new Forensics(board, steps).examine(verdict, fw.bootloader(), "bricked");

            assertThat(f.dump()).isPresent();
            assertThat(Files.readAllBytes(f.dump().get())).as("the dump is all of main flash as it was")
                    .isEqualTo(before);
            assertThat(steps.dump).isEqualTo(before);
            assertThat(f.dumpSha256()).isEqualTo(FirmwareManifests.sha256(before));
            FlashDiff.ImageDiff v1 = f.diffs().stream().filter(d -> d.image().equals(fw.app().label())).findFirst()
                    .orElseThrow();
            assertThat(v1.marks()).startsWith(".=");
            assertThat(v1.differingPages()).containsExactly(0);
            assertThat(v1.firstDifference()).hasValue(fw.app().loadAddress());
            assertThat(f.diffs().get(0).isIdentical()).as("the bootloader is intact").isTrue();
            assertThat(f.diffText()).contains("first difference at");
            assertThat(f.flashMap()).contains("differs from " + fw.app().label()).contains("holds  " + fw.bootloader().label());
            assertThat(f.recovery().recovered()).as(f.recovery().line()).isTrue();
            assertThat(f.recovery().line()).isEqualTo("recoverable through the ROM bootloader: yes");
            assertThat(f.recovery().verdict().orElseThrow().version()).isEqualTo(fw.app().version());
            byte[] app = board.flashReader().orElseThrow().read(fw.app().loadAddress(), fw.app().size());
            assertThat(FirmwareManifests.sha256(app)).as("v1 is back in flash").isEqualTo(fw.app().sha256());
            assertThat(steps.attachments).contains("flash dump f103-d1.bin", "flash diff f103-d1", "forensics f103-d1");
            assertThat(steps.records).extracting(ScenarioRecord::kind).containsExactly("forensics");
        }
    }

    @Test
    public void aWhole256KiBFlashIsDumpedInOneRomSessionAndTheBoardRecovered() throws Exception {
        // 256 KiB at 115200 baud 8E1 is about 25 s on the line: the ROM read's deadline must allow for it
        try (Rig r = open("l431-ymodem", b -> b)) {
            Board board = r.board("l431-ymodem");
            board.console().startTranscript(r.runDir().resolve("l431-ymodem").resolve("forensics-test.log"));
            Verdict verdict = brickByErasingV1sFirstPage(board);
            assertThat(verdict.kind()).isEqualTo(Verdict.Kind.BRICKED);

            ForensicsResult f = new Forensics(board, ScenarioSteps.NONE).examine(verdict,
                    board.firmware().bootloader(), "bricked-l431");

            assertThat(f.dumpProblem()).isEmpty();
            assertThat(Files.size(f.dump().orElseThrow())).isEqualTo(board.resource().chip().flashSize());
            assertThat(f.recoverable()).as(f.recovery().line()).isTrue();
        }
    }

    /** The ROM bootloader as forensics sees it, failing the way {@code failure} says. */
    private static Forensics.RomAccess failing(RuntimeException failure) {
        return new Forensics.RomAccess() {
            @Override
            public byte[] dump(int address, int length) {
                throw failure;
            }

            @Override
            public void reprogram(dev.brickproof.rig.resource.FirmwareImage bootloader,
                                  dev.brickproof.rig.resource.FirmwareImage app) {
                throw failure;
            }
        };
    }

    private ForensicsResult examineWith(RuntimeException failure) throws Exception {
        try (Rig r = open("f103-d1", b -> b)) {
            Board board = r.board("f103-d1");
            return new Forensics(board, ScenarioSteps.NONE, failing(failure)).examine(Verdict.bricked("test"),
                    board.firmware().bootloader(), "rom-fails");
        }
    }

    @Test
    public void aRomBootloaderThatDoesNotAnswerIsARigFaultNotAProductVerdict() throws Exception {
        ForensicsResult f = examineWith(new RigTimeoutException("the ROM bootloader to answer 0x7F (test)",
                java.time.Duration.ofSeconds(10), ""));
        assertThat(f.dump()).isEmpty();
        assertThat(f.dumpProblem()).hasValueSatisfying(p -> assertThat(p).contains("0x7F"));
        assertThat(f.recoverable()).isFalse();
        assertThat(f.recovery().fault()).hasValue(ExitStatus.RIG_FAULT);
        assertThat(f.recovery().line()).startsWith("recoverable through the ROM bootloader: no (RIG FAULT");
    }

    @Test
    public void aRomBootloaderThatRefusesToReprogramTheFlashIsAProductDefect() throws Exception {
        ForensicsResult f = examineWith(new DeviceRejectedException("the ROM bootloader NACKed Erase (test)"));
        assertThat(f.recoverable()).isFalse();
        assertThat(f.recovery().fault()).hasValue(ExitStatus.PRODUCT_DEFECT);
        assertThat(f.recovery().line()).startsWith("recoverable through the ROM bootloader: no (PRODUCT DEFECT")
                .contains("NACKed Erase");
    }

    @Test
    public void onlyVerdictsOtherThanTheExpectedImageBootingNeedForensics() {
        assertThat(Forensics.needed(Verdict.booted("2.0", "ok"), Optional.of("2.0"))).isFalse();
        assertThat(Forensics.needed(Verdict.booted("1.0", "old"), Optional.of("2.0"))).isTrue();
        assertThat(Forensics.needed(Verdict.bricked("no banner"), Optional.of("2.0"))).isTrue();
        assertThat(Forensics.needed(Verdict.corrupted("2.0", "flash differs"), Optional.of("2.0"))).isTrue();
        assertThat(Forensics.needed(Verdict.bricked("negative control"), Optional.empty())).isTrue();
        assertThat(Forensics.needed(Verdict.rigFault("port gone"), Optional.of("2.0"))).isFalse();
    }
}
