package dev.brickproof.emulator.rom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.testng.annotations.Test;

public class RomBootloaderTest {
    private static final int ACK = 0x79;
    private static final int NACK = 0x1F;

    /** A loader on an in-memory target, fed at a controllable virtual time. */
    static final class Rig {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final MemoryRomTarget target;
        final RomBootloader rom;
        Duration now = Duration.ZERO;

        Rig(Chip chip) {
            target = new MemoryRomTarget(chip, out::write);
            rom = new RomBootloader(target);
            rom.reset();
        }

        int[] send(int... bytes) {
            out.reset();
            for (int b : bytes) {
                rom.receive(b, now);
            }
            return taken();
        }

        int[] taken() {
            byte[] raw = out.toByteArray();
            out.reset();
            int[] v = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                v[i] = raw[i] & 0xFF;
            }
            return v;
        }

        int[] settle() {
            Duration due;
            while ((due = rom.nextDue()) != null) {
                now = due;
                rom.advance(now);
            }
            return taken();
        }

        Rig synced() {
            assertThat(send(0x7F)).containsExactly(ACK);
            return this;
        }
    }

    static int[] address(int a) {
        int[] f = {(a >>> 24) & 0xFF, (a >>> 16) & 0xFF, (a >>> 8) & 0xFF, a & 0xFF, 0};
        f[4] = f[0] ^ f[1] ^ f[2] ^ f[3];
        return f;
    }

    @Test
    public void linNoiseBeforeSyncIsIgnoredAndTheAutobaudByteIsAcked() {
        Rig rig = new Rig(Chip.STM32F103C8);
        assertThat(rig.send(0x00, 0x55, 0xFF)).isEmpty();
        assertThat(rig.rom.awaitingSync()).isTrue();
        assertThat(rig.send(0x7F)).containsExactly(ACK);
    }

    @Test
    public void a7fPairAfterSyncIsNackedWhichIsHowStm32flashDetectsAnOpenSession() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x7F)).isEmpty(); // taken as a command byte, waiting for its complement
        assertThat(rig.send(0x7F)).containsExactly(NACK);
    }

    @Test
    public void getOnTheF1LoaderListsVersion22AndEraseNotExtendedErase() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x00, 0xFF)).containsExactly(ACK, 11, 0x22, 0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x43,
                0x63, 0x73, 0x82, 0x92, ACK);
    }

    @Test
    public void getOnTheL4LoaderListsVersion31AndExtendedErase() {
        Rig rig = new Rig(Chip.STM32L431RC).synced();
        int[] reply = rig.send(0x00, 0xFF);
        assertThat(reply[2]).isEqualTo(0x31);
        assertThat(reply).contains(0x44).doesNotContain(0x43);
        assertThat(rig.send(0x43, 0xBC)).containsExactly(NACK);
    }

    @Test
    public void getVersionAndGetIdAnswerVersionOptionBytesAndThePid() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x01, 0xFE)).containsExactly(ACK, 0x22, 0x00, 0x00, ACK);
        assertThat(rig.send(0x02, 0xFD)).containsExactly(ACK, 0x01, 0x04, 0x10, ACK);
        Rig l4 = new Rig(Chip.STM32L431RC).synced();
        assertThat(l4.send(0x02, 0xFD)).containsExactly(ACK, 0x01, 0x04, 0x35, ACK);
    }

    @Test
    public void aBadComplementOrUnknownCommandIsNacked() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x00, 0x00)).containsExactly(NACK);
        assertThat(rig.send(0x55, 0xAA)).containsExactly(NACK);
        assertThat(rig.send(0x63, 0x9C)).as("write protect is refused").containsExactly(NACK);
        assertThat(rig.send(0x01, 0xFE)).startsWith(ACK);
    }

    private static int[] writeFrame(int[] data) {
        int[] f = new int[data.length + 2];
        f[0] = data.length - 1;
        int x = f[0];
        for (int i = 0; i < data.length; i++) {
            f[1 + i] = data[i];
            x ^= data[i];
        }
        f[f.length - 1] = x;
        return f;
    }

    @Test
    public void writeIsAckedAfterTheBusyTimeAndReadReturnsTheData() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x31, 0xCE)).containsExactly(ACK);
        assertThat(rig.send(address(0x0800_0400))).containsExactly(ACK);
        int[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(rig.send(writeFrame(data))).as("busy: nothing yet").isEmpty();
        assertThat(rig.rom.nextDue()).isEqualTo(Duration.ofNanos(4 * 52_500));
        assertThat(rig.settle()).containsExactly(ACK);
        assertThat(rig.send(0x11, 0xEE)).containsExactly(ACK);
        assertThat(rig.send(address(0x0800_0400))).containsExactly(ACK);
        assertThat(rig.send(7, 0xF8)).containsExactly(ACK, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    public void aWriteWithABadChecksumIsNackedAndChangesNothing() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        rig.send(0x31, 0xCE);
        rig.send(address(0x0800_0000));
        int[] frame = writeFrame(new int[] {0, 0, 0, 0});
        frame[frame.length - 1] ^= 1;
        assertThat(rig.send(frame)).containsExactly(NACK);
        assertThat(rig.target.flash()[0]).isEqualTo((byte) 0xFF);
        assertThat(rig.target.writeCount()).isZero();
    }

    @Test
    public void aBadAddressChecksumAnUnalignedWriteAndUnmappedReadsAreNacked() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        rig.send(0x31, 0xCE);
        int[] bad = address(0x0800_0000);
        bad[4] ^= 0x80;
        assertThat(rig.send(bad)).containsExactly(NACK);
        rig.send(0x31, 0xCE);
        assertThat(rig.send(address(0x0800_0002))).containsExactly(NACK);
        rig.send(0x11, 0xEE);
        assertThat(rig.send(address(0x0900_0000))).containsExactly(NACK);
        rig.send(0x11, 0xEE);
        rig.send(address(0x0800_FF04));
        assertThat(rig.send(0xFF, 0x00)).as("256 bytes would run past the 64 KiB flash").containsExactly(NACK);
    }

    @Test
    public void eraseOfPagesAndMassEraseOnTheF1() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        rig.target.preload(0x0800_0000, new byte[3 * 1024]);
        assertThat(rig.send(0x43, 0xBC)).containsExactly(ACK);
        assertThat(rig.send(1, 0, 2, 1 ^ 0 ^ 2)).isEmpty();
        assertThat(rig.rom.nextDue()).isEqualTo(Duration.ofMillis(40));
        assertThat(rig.settle()).containsExactly(ACK);
        byte[] flash = rig.target.flash();
        assertThat(flash[0]).isEqualTo((byte) 0xFF);
        assertThat(flash[1024]).isEqualTo((byte) 0x00);
        assertThat(flash[2048]).isEqualTo((byte) 0xFF);
        assertThat(rig.send(0x43, 0xBC)).containsExactly(ACK);
        rig.send(0xFF, 0x00);
        assertThat(rig.settle()).containsExactly(ACK);
        assertThat(rig.target.flash()[1024]).isEqualTo((byte) 0xFF);
    }

    @Test
    public void extendedEraseOnTheL4TakesTwoBytePagesAndTheMassCode() {
        Rig rig = new Rig(Chip.STM32L431RC).synced();
        rig.target.preload(0x0800_0000, new byte[4096]);
        assertThat(rig.send(0x44, 0xBB)).containsExactly(ACK);
        rig.send(0x00, 0x00, 0x00, 0x01, 0x01);
        assertThat(rig.settle()).containsExactly(ACK);
        assertThat(rig.target.flash()[2048]).isEqualTo((byte) 0xFF);
        assertThat(rig.target.flash()[0]).isEqualTo((byte) 0x00);
        rig.send(0x44, 0xBB);
        assertThat(rig.send(0xFF, 0xFE, 0x01)).as("no bank 1 erase on a single-bank part").containsExactly(NACK);
        rig.send(0x44, 0xBB);
        rig.send(0xFF, 0xFF, 0x00);
        assertThat(rig.settle()).containsExactly(ACK);
        assertThat(rig.target.flash()[0]).isEqualTo((byte) 0xFF);
        rig.send(0x44, 0xBB);
        assertThat(rig.send(0x00, 0x00, 0x00, 0x80, 0x80)).as("page 128 does not exist").containsExactly(NACK);
    }

    @Test
    public void goAcksThenHandsOverAndTheLoaderGoesDeafUntilReset() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        assertThat(rig.send(0x21, 0xDE)).containsExactly(ACK);
        assertThat(rig.send(address(0x0800_2800))).containsExactly(ACK);
        assertThat(rig.target.goAddress()).isEqualTo(0x0800_2800);
        assertThat(rig.rom.exited()).isTrue();
        assertThat(rig.send(0x7F, 0x00, 0xFF)).isEmpty();
        rig.rom.reset();
        assertThat(rig.send(0x7F)).containsExactly(ACK);
    }

    @Test
    public void readoutUnprotectMassErasesAndRequiresANewSync() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        rig.target.preload(0x0800_0000, new byte[16]);
        assertThat(rig.send(0x92, 0x6D)).containsExactly(ACK);
        assertThat(rig.settle()).containsExactly(ACK);
        assertThat(Arrays.copyOf(rig.target.flash(), 16)).containsOnly((byte) 0xFF);
        assertThat(rig.rom.awaitingSync()).isTrue();
    }

    @Test
    public void responsesStayInOrderBehindABusyWrite() {
        Rig rig = new Rig(Chip.STM32F103C8).synced();
        rig.send(0x31, 0xCE);
        rig.send(address(0x0800_0000));
        rig.send(writeFrame(new int[] {0, 0, 0, 0}));
        assertThat(rig.send(0x01, 0xFE)).as("queued behind the write's ACK").isEmpty();
        assertThat(rig.settle()).containsExactly(ACK, ACK, 0x22, 0, 0, ACK);
    }
}
