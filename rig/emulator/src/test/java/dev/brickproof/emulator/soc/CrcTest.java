package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.testng.annotations.Test;

/** The CRC unit register by register (RM0008 §14, RM0394 §14), checked against independent CRC definitions. */
public class CrcTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    /** Bitwise MSB-first CRC over 32-bit words, the textbook definition (not the model's code path). */
    private static int mpeg2(int[] words) {
        int crc = -1;
        for (int w : words) {
            crc ^= w;
            for (int i = 0; i < 32; i++) {
                crc = crc < 0 ? crc << 1 ^ 0x04C1_1DB7 : crc << 1;
            }
        }
        return crc;
    }

    @Test
    public void f1ResetValuesAndTheFixedPolynomialOverWords() {
        Crc c = new Crc(SocFamily.F1);
        assertThat(c.read(Crc.DR)).isEqualTo(0xFFFF_FFFF);
        assertThat(c.read(Crc.IDR)).isZero();
        assertThat(c.read(Crc.CR)).isZero();
        int[] words = {0x1234_5678, 0xCAFE_BABE, 0, -1};
        for (int w : words) {
            c.write(Crc.DR, w, 4);
        }
        assertThat(c.read(Crc.DR)).isEqualTo(mpeg2(words));
        c.write(Crc.IDR, 0x1A5, 4);
        assertThat(c.read(Crc.IDR)).isEqualTo(0xA5);                 // 8 bits
        c.write(Crc.CR, 1, 4);                                       // RESET
        assertThat(c.read(Crc.DR)).isEqualTo(0xFFFF_FFFF);
        assertThat(c.read(Crc.IDR)).isEqualTo(0xA5);                 // IDR is not touched by CR.RESET
        assertThat(c.read(Crc.INIT)).isZero();                       // no INIT/POL on the F1
        c.write(Crc.POL, 0x1021, 4);
        c.write(Crc.DR, 0x1234_5678, 4);
        assertThat(c.read(Crc.DR)).isEqualTo(mpeg2(new int[] {0x1234_5678}));
    }

    @Test
    public void f1GivesZipCrc32WithTheUsualBitReversal() {
        Crc c = new Crc(SocFamily.F1);
        byte[] data = "brickproof!!".getBytes(StandardCharsets.US_ASCII);   // 3 words
        for (int i = 0; i < data.length; i += 4) {
            int w = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24;
            c.write(Crc.DR, Integer.reverse(w), 4);
        }
        CRC32 zip = new CRC32();
        zip.update(data);
        assertThat(~Integer.reverse(c.read(Crc.DR)) & 0xFFFF_FFFFL).isEqualTo(zip.getValue());
    }

    @Test
    public void l4ResetValuesInitAndPolynomial() {
        Crc c = new Crc(SocFamily.L4);
        assertThat(c.read(Crc.DR)).isEqualTo(0xFFFF_FFFF);
        assertThat(c.read(Crc.CR)).isZero();
        assertThat(c.read(Crc.INIT)).isEqualTo(0xFFFF_FFFF);
        assertThat(c.read(Crc.POL)).isEqualTo(0x04C1_1DB7);
        c.write(Crc.INIT, 0x1234_5678, 4);
        assertThat(c.read(Crc.DR)).isEqualTo(0xFFFF_FFFF);           // INIT takes effect at CR.RESET
        c.write(Crc.CR, 1, 4);
        assertThat(c.read(Crc.DR)).isEqualTo(0x1234_5678);
        assertThat(c.read(Crc.CR) & 1).isZero();                     // RESET reads back 0
    }

    @Test
    public void l4ReflectedInputAndOutputGiveZipCrc32ByteByByte() {
        Crc c = new Crc(SocFamily.L4);
        c.write(Crc.CR, 1 << 5 | 1 << 7 | 1, 4);                     // REV_IN by byte, REV_OUT, RESET
        for (byte b : CHECK) {
            c.write(Crc.DR, b & 0xFF, 1);
        }
        assertThat(~c.read(Crc.DR)).isEqualTo(0xCBF4_3926);          // CRC-32 check value
    }

    @Test
    public void l4WordInputWithWordReversalEqualsByteInput() {
        byte[] data = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        Crc words = new Crc(SocFamily.L4);
        words.write(Crc.CR, 3 << 5 | 1 << 7 | 1, 4);                 // REV_IN by word
        for (int i = 0; i < data.length; i += 4) {
            words.write(Crc.DR, (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16
                    | (data[i + 3] & 0xFF) << 24, 4);
        }
        CRC32 zip = new CRC32();
        zip.update(data);
        assertThat(~words.read(Crc.DR) & 0xFFFF_FFFFL).isEqualTo(zip.getValue());
        Crc halves = new Crc(SocFamily.L4);
        halves.write(Crc.CR, 2 << 5 | 1 << 7 | 1, 4);                // REV_IN by half-word, half-word stores
        for (int i = 0; i < data.length; i += 2) {
            halves.write(Crc.DR, (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8, 2);
        }
        assertThat(~halves.read(Crc.DR) & 0xFFFF_FFFFL).isEqualTo(zip.getValue());
    }

    @Test
    public void l4SixteenAndEightBitPolynomials() {
        Crc c = new Crc(SocFamily.L4);
        c.write(Crc.POL, 0x1021, 4);
        c.write(Crc.CR, 1 << 3, 4);                                  // POLYSIZE 16
        c.write(Crc.INIT, 0xFFFF, 4);
        c.write(Crc.CR, 1 << 3 | 1, 4);
        for (byte b : CHECK) {
            c.write(Crc.DR, b & 0xFF, 1);
        }
        assertThat(c.read(Crc.DR)).isEqualTo(0x29B1);               // CRC-16/CCITT-FALSE check value
        c.write(Crc.POL, 0x07, 4);
        c.write(Crc.INIT, 0, 4);
        c.write(Crc.CR, 2 << 3 | 1, 4);                              // POLYSIZE 8
        for (byte b : CHECK) {
            c.write(Crc.DR, b & 0xFF, 1);
        }
        assertThat(c.read(Crc.DR)).isEqualTo(0xF4);                 // CRC-8 (SMBus) check value
        c.write(Crc.POL, 0x09, 4);
        c.write(Crc.CR, 3 << 3 | 1, 4);                              // POLYSIZE 7
        for (byte b : CHECK) {
            c.write(Crc.DR, b & 0xFF, 1);
        }
        assertThat(c.read(Crc.DR)).isEqualTo(0x75);                 // CRC-7 (MMC) check value
    }

    @Test
    public void aPeripheralResetRestoresEveryRegister() {
        Crc c = new Crc(SocFamily.L4);
        c.write(Crc.POL, 0x1021, 4);
        c.write(Crc.INIT, 0, 4);
        c.write(Crc.CR, 0xF9, 4);
        c.write(Crc.IDR, 7, 4);
        c.reset(ResetCause.PERIPHERAL);
        assertThat(new int[] {c.read(Crc.DR), c.read(Crc.IDR), c.read(Crc.CR), c.read(Crc.INIT), c.read(Crc.POL)})
                .containsExactly(0xFFFF_FFFF, 0, 0, 0xFFFF_FFFF, 0x04C1_1DB7);
    }
}
