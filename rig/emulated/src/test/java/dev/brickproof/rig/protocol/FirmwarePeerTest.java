package dev.brickproof.rig.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.testing.LockstepFixtureBoard;
import dev.brickproof.rig.protocol.an3155.An3155Client;
import dev.brickproof.rig.protocol.an3155.An3155Options;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaResult;
import dev.brickproof.rig.protocol.iap.FlagWordIapClient;
import dev.brickproof.rig.protocol.iap.FlagWordIapOptions;
import dev.brickproof.rig.protocol.iap.IapResult;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapClient;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapOptions;
import dev.brickproof.rig.protocol.tobudos.KvState;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.tobudos.PartitionTable;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemResult;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * Our clients against the real peers that matter most: the reference firmware (fixtures/firmware/bin) running
 * on the emulated board, reached through the lockstep wire in virtual time, plus the emulated board's own
 * system-memory loader (our {@code RomBootloader} as wired by the board).
 */
public class FirmwarePeerTest {

    static byte[] image(String name) {
        return LockstepFixtureBoard.image(name);
    }

    /** A lockstep board with the fixture firmware; console commands are typed after the line has settled. */
    static final class Board extends LockstepFixtureBoard {
        Board(Chip chip) {
            super(chip);
        }

        @Override
        public Board boot(String... imagesAt) {
            super.boot(imagesAt);
            return this;
        }

        /** An app console command: after the banner line has settled, a CR to clear the line, then the command. */
        @Override
        public void say(String line) {
            settle();
            super.say(line);
        }
    }

    @Test
    public void d1FlagWordClientUpdatesTheReferenceBootloaderFromV1ToV2() {
        try (Board b = new Board(Chip.STM32F103C8).boot("f103-d1-boot.bin", "0x08000000",
                "f103-d1-app-v1.0.bin", "0x08002800")) {
            b.board.programFlash(0x0800_F000, new byte[] {0, 0});
            b.await("D1 app v1\\.0", 5);
            b.say("update");
            byte[] v2 = image("f103-d1-app-v2.0.bin");
            IapResult result = new FlagWordIapClient(b.link, FlagWordIapOptions.defaults()
                    .withReady(Pattern.compile("D1: update mode"), Duration.ofSeconds(3)), null)
                    .upload(v2, b.deadline(20, "D1 update"));
            assertThat(result.bytesConfirmed()).isEqualTo(v2.length);
            b.await("brickproof D1 app v2\\.0 \\(STM32F103C8\\)", 5);
            assertThat(b.board.readMemory(0x0800_2800, v2.length)).isEqualTo(v2);
        }
    }

    @Test
    public void d3KeyAtResetClientUpdatesTheReferenceBootloaderWithPacingAndConfirmsTheNewBanner() {
        try (Board b = new Board(Chip.STM32F103C8).boot("f103-d3-boot.bin", "0x08000000",
                "f103-d3-app-v1.0.bin", "0x08002000")) {
            b.await("D3 app v1\\.0", 5);
            byte[] v2 = image("f103-d3-app-v2.0.bin");
            IapResult result = new KeyAtResetIapClient(b.link, b, b, KeyAtResetIapOptions.defaults()
                    .withResetAfter(Pattern.compile("brickproof D3 app v(\\d+)\\.(\\d+)"), Duration.ofSeconds(5)), null)
                    .upload(v2, b.deadline(30, "D3 update"));
            assertThat(result.bytesConfirmed()).isEqualTo(v2.length);
            assertThat(result.confirmation()).isEqualTo("brickproof D3 app v2.0");
            assertThat(b.board.output('A', 4)).as("IAP LED off").isFalse();
        }
    }

    @Test
    public void ymodemSenderUpdatesTheStIapStyleBootloader() {
        try (Board b = new Board(Chip.STM32F103C8).boot("f103-ymodem-boot.bin", "0x08000000",
                "f103-ymodem-app-v1.0.bin", "0x08003000")) {
            b.await("YMODEM app v1\\.0", 5);
            b.say("update");
            b.await("Execute the loaded", 3);
            b.console.write('1');
            byte[] v2 = image("f103-ymodem-app-v2.0.bin");
            YmodemResult result = new YmodemSender(b.link, YmodemOptions.defaults().withTurnaround(Duration.ZERO), null)
                    .send("app.bin", v2, b.deadline(60, "YMODEM download"));
            assertThat(result.bytes()).isEqualTo(v2.length);
            b.await("completed successfully", 5);
            b.await("Execute the loaded", 3);
            b.console.write('3');
            b.await("brickproof YMODEM app v2\\.0", 5);
        }
    }

    @Test
    public void ymodemReceiverUploadsTheAppAreaFromTheStIapStyleBootloaderOnTheL431() {
        try (Board b = new Board(Chip.STM32L431RC).boot("l431-ymodem-boot.bin", "0x08000000",
                "l431-ymodem-app-v1.0.bin", "0x08008000")) {
            b.await("YMODEM app v1\\.0", 5);
            b.say("update");
            b.await("Execute the loaded", 3);
            b.console.write('2');
            java.util.List<dev.brickproof.rig.protocol.ymodem.YmodemFile> files =
                    new dev.brickproof.rig.protocol.ymodem.YmodemReceiver(b.link, YmodemOptions.defaults(), null)
                            .receiveBatch(b.deadline(120, "YMODEM upload"));
            assertThat(files).hasSize(1);
            assertThat(files.get(0).name()).isEqualTo("UploadedFlashImage.bin");
            assertThat(files.get(0).data()).hasSize(0x0804_0000 - 0x0800_8000)
                    .isEqualTo(b.board.readMemory(0x0800_8000, 0x0804_0000 - 0x0800_8000));
            byte[] v1 = image("l431-ymodem-app-v1.0.bin");
            assertThat(java.util.Arrays.copyOf(files.get(0).data(), v1.length)).isEqualTo(v1);
        }
    }

    @Test
    public void gizwitsClientUpdatesTheD5AppThroughItsP0Receiver() {
        try (Board b = new Board(Chip.STM32F103C8).boot("f103-d5-boot.bin", "0x08000000",
                "f103-d5-app-v1.0.bin", "0x08003000")) {
            b.await("D5 app v1\\.0", 5);
            b.say("update");
            b.await("\\(0x19\\)", 3);
            byte[] v2 = image("f103-d5-app-v2.0.bin");
            GizwitsOtaResult result = new GizwitsOtaClient(b.link, GizwitsOtaOptions.defaults()
                    .withReadyTimeout(Duration.ofSeconds(10)).withAfterLastPiece(Duration.ofMillis(100)), null)
                    .upload(v2, b.deadline(60, "Gizwits OTA"));
            assertThat(result.pieceSize()).isEqualTo(256);
            b.await("brickproof D5 app v2\\.0", 15);
            assertThat(b.board.readMemory(0x0800_3000, v2.length)).isEqualTo(v2);
        }
    }

    @Test
    public void d4OtaImageOverYmodemUpdatesTheTobudosStyleBootloaderAndTheKvLogShowsIt() {
        try (Board b = new Board(Chip.STM32L431RC).boot("l431-d4ip-boot.bin", "0x08000000",
                "l431-d4ip-app-v1.0.bin", "0x08007800")) {
            b.await("D4-IP app v1\\.0", 5);
            PartitionTable table = PartitionTable.decode(b.board.readMemory(0x0803_F800, 32),
                    PartitionTable.Mode.IN_PLACE);
            assertThat(table.ota().start()).isEqualTo(0x0802_D000);
            b.say("update");
            b.await("YMODEM-1K", 3);
            byte[] ota = OtaImage.of(2, 0, image("l431-d4ip-app-v2.0.bin"), 1, 0, image("l431-d4ip-app-v1.0.bin"))
                    .encode();
            new YmodemSender(b.link, YmodemOptions.defaults().withTurnaround(Duration.ZERO), null)
                    .send("ota.bin", ota, b.deadline(60, "D4 download"));
            b.await("brickproof D4-IP app v2\\.0", 20);
            KvState kv = KvState.replay(b.board.readMemory(table.kv().start(), table.kv().size()));
            assertThat(kv.updatePending()).isFalse();
            assertThat(kv.curVersion()).containsExactly(2, 0);
            assertThat(kv.tornSlots()).isZero();
        }
    }

    @Test
    public void an3155ClientProvisionsABlankBoardThroughTheEmulatedRomLoaderAndItBoots() {
        try (Board b = new Board(Chip.STM32F103C8).boot()) {
            byte[] boot = image("f103-d5-boot.bin");
            byte[] app = image("f103-d5-app-v1.0.bin");
            try (An3155Client rom = new An3155Client(b.link, b, b, Chip.STM32F103C8, An3155Options.defaults(), null)) {
                Deadline d = b.deadline(60, "provisioning");
                assertThat(rom.connect(d).productId()).isEqualTo(0x410);
                rom.eraseRange(0x0800_0000, 0x3000 + app.length, d);
                rom.write(0x0800_0000, boot, d);
                rom.write(0x0800_3000, app, d);
                assertThat(rom.read(0x0800_0000, boot.length, d)).isEqualTo(boot);
                assertThat(rom.read(0x0800_3000, app.length, d)).isEqualTo(app);
                rom.rebootToFlash();
            }
            b.await("brickproof D5 app v1\\.0 \\(STM32F103C8\\)", 5);
        }
    }

    @Test
    public void an3155ClientReadsBackAnL431ThroughTheEmulatedRomLoaderWithExtendedErase() {
        try (Board b = new Board(Chip.STM32L431RC).boot("l431-d4ip-boot.bin", "0x08000000",
                "l431-d4ip-app-v1.0.bin", "0x08007800")) {
            b.await("D4-IP app v1\\.0", 5);
            byte[] app = image("l431-d4ip-app-v1.0.bin");
            try (An3155Client rom = new An3155Client(b.link, b, b, Chip.STM32L431RC, An3155Options.defaults(), null)) {
                Deadline d = b.deadline(60, "forensics");
                assertThat(rom.connect(d).extendedErase()).isTrue();
                assertThat(rom.read(0x0800_7800, app.length, d)).isEqualTo(app);
                rom.eraseRange(0x0800_7800, 2048, d);
                assertThat(rom.read(0x0800_7800, 16, d)).containsOnly((byte) 0xFF);
                byte[] odd = java.util.Arrays.copyOf(app, 1004); // ends mid double-word: padded to 1008
                rom.write(0x0800_7800, odd, d);
                assertThat(rom.read(0x0800_7800, 1004, d)).isEqualTo(odd);
            }
        }
    }
}
