package dev.brickproof.rig.protocol.ymodem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.testng.annotations.Test;

public class YmodemCodecTest {

    @Test
    public void crcOfTheCheckStringIs0x31C3() {
        assertThat(Crc16Xmodem.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
    }

    @Test
    public void aDataBlockRoundTripsWithPadding() {
        byte[] data = new byte[300];
        new Random(1).nextBytes(data);
        byte[] packet = YmodemCodec.encodeBlock(7, data, 0, 300, 1024, YmodemCodec.PAD);
        assertThat(packet).hasSize(1029);
        assertThat(packet[0]).isEqualTo((byte) YmodemCodec.STX);
        assertThat(packet[1] & 0xFF).isEqualTo(7);
        assertThat(packet[2] & 0xFF).isEqualTo(248);
        YmodemCodec.Packet decoded = (YmodemCodec.Packet) YmodemCodec.decode(packet, 0, packet.length);
        assertThat(decoded.number()).isEqualTo(7);
        assertThat(decoded.consumed()).isEqualTo(1029);
        assertThat(Arrays.copyOf(decoded.data(), 300)).isEqualTo(data);
        assertThat(decoded.data()[300]).isEqualTo((byte) 0x1A);
        assertThat(decoded.data()[1023]).isEqualTo((byte) 0x1A);
    }

    @Test
    public void theHeaderCarriesNameNulDecimalSizeInA128ByteBlock() {
        byte[] packet = YmodemCodec.encodeHeader("fw.bin", 49159);
        assertThat(packet).hasSize(133);
        assertThat(packet[0]).isEqualTo((byte) YmodemCodec.SOH);
        assertThat(new String(packet, 3, 13, StandardCharsets.US_ASCII)).isEqualTo("fw.bin\u000049159\u0000");
        YmodemCodec.Packet decoded = (YmodemCodec.Packet) YmodemCodec.decode(packet, 0, packet.length);
        assertThat(YmodemCodec.parseHeader(decoded.data())).isEqualTo(new YmodemHeader("fw.bin", 49159));
    }

    @Test
    public void aHeaderWithLrzszExtraFieldsParsesTheSizeOnly() {
        byte[] data = new byte[128];
        byte[] text = "fw.bin\u00001025 14723501234 100644 0 1 1025".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, data, 0, text.length);
        assertThat(YmodemCodec.parseHeader(data)).isEqualTo(new YmodemHeader("fw.bin", 1025));
    }

    @Test
    public void theEmptyBlockZeroEndsTheBatch() {
        byte[] packet = YmodemCodec.encodeEndOfBatch();
        YmodemCodec.Packet decoded = (YmodemCodec.Packet) YmodemCodec.decode(packet, 0, packet.length);
        assertThat(YmodemCodec.parseHeader(decoded.data()).endOfBatch()).isTrue();
    }

    @Test
    public void splitInputSaysNeedMoreWithoutConsuming() {
        byte[] packet = YmodemCodec.encodeBlock(1, new byte[] {1, 2, 3}, 0, 3, 128, YmodemCodec.PAD);
        for (int cut = 0; cut < packet.length; cut++) {
            YmodemCodec.Decoded d = YmodemCodec.decode(packet, 0, cut);
            assertThat(d).as("cut at %d", cut).isInstanceOf(YmodemCodec.NeedMore.class);
            assertThat(d.consumed()).isZero();
        }
        assertThat(YmodemCodec.decode(packet, 0, packet.length)).isInstanceOf(YmodemCodec.Packet.class);
    }

    @Test
    public void twoPacketsBackToBackDecodeOneAfterTheOther() {
        byte[] a = YmodemCodec.encodeBlock(1, new byte[] {1}, 0, 1, 128, YmodemCodec.PAD);
        byte[] b = YmodemCodec.encodeBlock(1, new byte[] {1}, 0, 1, 128, YmodemCodec.PAD); // duplicate
        byte[] both = new byte[a.length + b.length + 1];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        both[both.length - 1] = YmodemCodec.EOT;
        YmodemCodec.Decoded first = YmodemCodec.decode(both, 0, both.length);
        YmodemCodec.Decoded second = YmodemCodec.decode(both, first.consumed(), both.length - first.consumed());
        assertThat(((YmodemCodec.Packet) second).number()).isEqualTo(1);
        int at = first.consumed() + second.consumed();
        assertThat(YmodemCodec.decode(both, at, both.length - at)).isEqualTo(new YmodemCodec.Control(YmodemCodec.EOT, 1));
    }

    @Test
    public void aFlippedDataBitIsACrcErrorThatSkipsTheWholePacket() {
        byte[] packet = YmodemCodec.encodeBlock(2, new byte[] {1, 2, 3}, 0, 3, 128, YmodemCodec.PAD);
        packet[10] ^= 0x04;
        assertThatThrownBy(() -> YmodemCodec.decode(packet, 0, packet.length))
                .isInstanceOf(FrameCorruptedException.class).hasMessageContaining("CRC")
                .satisfies(e -> assertThat(((FrameCorruptedException) e).skip()).isEqualTo(133));
    }

    @Test
    public void aBadComplementIsDetectedFromTheFirstThreeBytes() {
        byte[] start = {YmodemCodec.STX, 5, 5};
        assertThatThrownBy(() -> YmodemCodec.decode(start, 0, 3))
                .isInstanceOf(FrameCorruptedException.class).hasMessageContaining("complement");
    }

    @Test
    public void lineNoiseIsCorruptionOfOneByte() {
        assertThatThrownBy(() -> YmodemCodec.decode(new byte[] {(byte) 0x99}, 0, 1))
                .isInstanceOf(FrameCorruptedException.class)
                .satisfies(e -> assertThat(((FrameCorruptedException) e).skip()).isEqualTo(1));
    }
}
