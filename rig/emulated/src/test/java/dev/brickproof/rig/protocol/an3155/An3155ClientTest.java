package dev.brickproof.rig.protocol.an3155;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.TtyLink;
import dev.brickproof.rig.protocol.DeviceRejectedException;
import dev.brickproof.rig.protocol.TransferProgress;
import dev.brickproof.rig.protocol.WrongDeviceException;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** Our AN3155 client against our ROM bootloader model over a real pty, happy path and faults. */
public class An3155ClientTest {
    private static final An3155Options FAST = An3155Options.defaults().withSync(Duration.ofMillis(300), 2)
            .withAckTimeout(Duration.ofMillis(500)).withRetries(2);

    private static byte[] image(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static Deadline deadline(TtyLink link, long seconds) {
        return link.clock().deadlineAfter(Duration.ofSeconds(seconds), "ROM bootloader session");
    }

    @Test
    public void connectEntersTheLoaderIdentifiesTheChipAndLeavesBoot0LowOnClose() {
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            try (An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null)) {
                RomInfo info = rom.connect(deadline(link, 5));
                assertThat(info.version()).isEqualTo(0x22);
                assertThat(info.productId()).isEqualTo(0x410);
                assertThat(info.extendedErase()).isFalse();
                assertThat(info.toString()).isEqualTo("ROM bootloader v2.2, PID 0x410, standard erase");
                assertThat(link.settings().parity()).isEqualTo(dev.brickproof.rig.link.LineSettings.Parity.EVEN);
            }
            assertThat(server.pins).containsExactly("boot0-high", "reset", "boot0-low");
        }
    }

    @Test
    public void writeEraseReadAndGoOnTheF103() {
        byte[] data = image(5 * 1024 + 6);
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            List<TransferProgress> progress = new ArrayList<>();
            try (An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, progress::add)) {
                Deadline d = deadline(link, 20);
                rom.connect(d);
                rom.write(0x0800_2800, data, d);
                assertThat(rom.read(0x0800_2800, data.length, d)).isEqualTo(data);
                rom.eraseRange(0x0800_2800, 1024, d);
                byte[] after = rom.read(0x0800_2800, 2048, d);
                assertThat(Arrays.copyOf(after, 1024)).containsOnly((byte) 0xFF);
                assertThat(Arrays.copyOfRange(after, 1024, 2048)).isEqualTo(Arrays.copyOfRange(data, 1024, 2048));
                rom.massErase(d);
                assertThat(rom.read(0x0800_2800, 16, d)).containsOnly((byte) 0xFF);
                rom.go(0x0800_0000, d);
            }
            assertThat(server.target.goAddress()).isEqualTo(0x0800_0000);
            assertThat(progress).extracting(TransferProgress::phase).contains("rom write", "rom read", "rom erase");
            TransferProgress lastWrite = progress.stream().filter(p -> p.phase().equals("rom write"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(lastWrite.bytesDone()).isEqualTo(data.length);
            assertThat(lastWrite.blocksDone()).isEqualTo(21);
        }
    }

    @Test
    public void theL431UsesExtendedErase() {
        byte[] data = image(4096 + 8);
        try (RomServer server = new RomServer(Chip.STM32L431RC); TtyLink link = TtyLink.open(server.slavePath())) {
            try (An3155Client rom = new An3155Client(link, server, server, Chip.STM32L431RC, FAST, null)) {
                Deadline d = deadline(link, 20);
                assertThat(rom.connect(d).extendedErase()).isTrue();
                rom.write(0x0800_7800, data, d);
                rom.eraseRange(0x0800_7800, 4096, d);
                byte[] back = rom.read(0x0800_7800, data.length, d);
                assertThat(Arrays.copyOf(back, 4096)).containsOnly((byte) 0xFF);
                assertThat(Arrays.copyOfRange(back, 4096, back.length)).isEqualTo(Arrays.copyOfRange(data, 4096, 4104));
            }
        }
    }

    @Test
    public void aSecondConnectOnAnAlreadySyncedLoaderUsesTheResyncRule() {
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            new An3155Client(link, null, null, Chip.STM32F103C8, FAST, null).connect(deadline(link, 5));
            // no reset: the loader is synced, so 0x7F is the first byte of a command; the second gets NACK
            RomInfo again = new An3155Client(link, null, null, Chip.STM32F103C8, FAST, null).connect(deadline(link, 5));
            assertThat(again.productId()).isEqualTo(0x410);
        }
    }

    @Test
    public void aWrongPidIsAWrongDeviceErrorAndBoot0GoesBackLow() {
        try (RomServer server = new RomServer(Chip.STM32L431RC); TtyLink link = TtyLink.open(server.slavePath())) {
            assertThatThrownBy(() -> new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null)
                    .connect(deadline(link, 5)))
                    .isInstanceOf(WrongDeviceException.class).hasMessageContaining("PID 0x410")
                    .hasMessageContaining("PID 0x435");
            assertThat(server.pins).endsWith("boot0-low");
        }
    }

    @Test
    public void aSilentBoardTimesOutOnSyncWithinTheDeadline() {
        try (PseudoTerminal pty = PseudoTerminal.open(); TtyLink link = TtyLink.open(pty.slavePath())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new An3155Client(link, null, null, Chip.STM32F103C8, FAST, null)
                    .connect(deadline(link, 10)))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("0x7F")
                    .hasMessageContaining("BOOT0");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        }
    }

    @Test
    public void aBoardThatStaysInTheAppBecauseBoot0IsIgnoredTimesOut() {
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            server.selectNormalBoot();
            server.pulse(); // the board now "runs the app" and ignores the loader protocol
            assertThatThrownBy(() -> new An3155Client(link, null, null, Chip.STM32F103C8, FAST, null)
                    .connect(deadline(link, 5)))
                    .isInstanceOf(RigTimeoutException.class);
        }
    }

    @Test
    public void persistentChecksumErrorsOnTheLineEndInDeviceRejectedAfterRetries() {
        byte[] data = new byte[64];
        data[10] = 0x5A; // the line turns every 0x5A into 0x5B, so the block's XOR checksum no longer matches
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null);
            rom.connect(deadline(link, 5));
            server.corruptRx(b -> b == 0x5A ? 0x5B : b);
            assertThatThrownBy(() -> rom.write(0x0800_0000, data, deadline(link, 5)))
                    .isInstanceOf(DeviceRejectedException.class).hasMessageContaining("NACKed Write Memory")
                    .hasMessageContaining("after 3 tries").hasMessageContaining("1F");
            assertThat(server.target.writeCount()).isZero();
        }
    }

    @Test
    public void aSingleCorruptedBlockIsRetriedAndSucceeds() {
        byte[] data = image(600);
        int[] seen = {0};
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null);
            Deadline d = deadline(link, 10);
            rom.connect(d);
            server.corruptRx(b -> ++seen[0] == 100 ? b ^ 0x10 : b); // one flipped bit inside the first block
            rom.write(0x0800_0000, data, d);
            assertThat(rom.read(0x0800_0000, data.length, d)).isEqualTo(data);
        }
    }

    @Test
    public void writesTheTargetRefusesAreNacked() {
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null);
            rom.connect(deadline(link, 5));
            assertThatThrownBy(() -> rom.write(0x1FFF_F000, new byte[16], deadline(link, 5)))
                    .as("system memory is read-only").isInstanceOf(DeviceRejectedException.class);
            assertThatThrownBy(() -> rom.read(0x0900_0000, 16, deadline(link, 5)))
                    .isInstanceOf(DeviceRejectedException.class).hasMessageContaining("Read Memory");
        }
    }

    @Test
    public void cuttingTheLinkMidWriteIsALinkException() throws Exception {
        byte[] data = image(40 * 1024);
        try (RomServer server = new RomServer(Chip.STM32F103C8); TtyLink link = TtyLink.open(server.slavePath())) {
            An3155Client rom = new An3155Client(link, server, server, Chip.STM32F103C8, FAST, null);
            rom.connect(deadline(link, 5));
            Thread cutter = new Thread(() -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
                server.cut();
            });
            cutter.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> rom.write(0x0800_0000, data, deadline(link, 10)))
                    .isInstanceOfAny(LinkException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
            cutter.join();
        }
    }
}
