package dev.brickproof.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import dev.brickproof.rig.protocol.gizwits.GizwitsCodec;
import dev.brickproof.rig.protocol.gizwits.GizwitsFrame;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Gizwits P0: the codec, and the OTA client fed fuzzed MCU answers. */
@AddLifecycleHook(FuzzBudget.class)
class GizwitsProperties {
    static final Outcome CODEC = Outcome.documents(FrameCorruptedException.class, FrameTooLargeException.class);
    static final Outcome CLIENT = Outcome.documents(RigTimeoutException.class, ProtocolException.class);
    private static final GizwitsCodec WIRE = new GizwitsCodec();
    private static final byte[] IMAGE = image(600);

    @Property
    @FuzzTarget(value = "GizwitsCodec.decode", sample = 2_000, campaign = 200_000, maxCaseMegabytes = 1)
    void decodeReturnsAFrameOrNeedsMoreOrRejectsTheBytes(@ForAll("wire") byte[] wire,
                                                        @ForAll("maxLength") int maxLength) {
        GizwitsCodec codec = new GizwitsCodec(maxLength);
        GizwitsCodec.Decoded d = Cases.current().check(CODEC, () -> codec.decode(wire, 0, wire.length));
        if (d instanceof GizwitsCodec.Frame f) {
            assertThat(f.consumed()).isBetween(9, wire.length);
            assertThat(f.frame().payload().length + 5).isLessThanOrEqualTo(maxLength);
        }
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @FuzzTarget(value = "GizwitsOtaClient.upload", sample = 150, campaign = 30_000)
    void theOtaClientFinishesOrFailsWithADocumentedError(@ForAll("mcu") byte[] mcu) {
        ScriptedDevice device = new ScriptedDevice(mcu);
        Cases.current().check(CLIENT, () -> new GizwitsOtaClient(device, GizwitsOtaOptions.defaults(), null)
                .upload(IMAGE, device.clock().deadlineAfter(Duration.ofMinutes(5), "the fuzzed OTA")));
    }

    @Provide
    Arbitrary<Integer> maxLength() {
        return Arbitraries.oneOf(Arbitraries.just(GizwitsCodec.DEFAULT_MAX_LENGTH), Arbitraries.integers().between(5, 300));
    }

    @Provide
    Arbitrary<byte[]> wire() {
        return Inputs.mostlyMutated(List.of(
                WIRE.encode(new GizwitsFrame(GizwitsFrame.PIECE_ACK, 3, new byte[0])),
                WIRE.encode(new GizwitsFrame(GizwitsFrame.PIECE, 0xFF, 0xFFFF, new byte[] {(byte) 0xFF, 1, (byte) 0xFF})),
                WIRE.encode(new GizwitsFrame(GizwitsFrame.MCU_READY, 9, readyPayload(256))),
                mcuAnswers(256)), 6, 600);
    }

    @Provide
    Arbitrary<byte[]> mcu() {
        return Inputs.mutated(List.of(mcuAnswers(256), mcuAnswers(64), withAbort(), withReboot()), 6);
    }

    /** What a well-behaved MCU says to our upload of {@link #IMAGE}: acks, ready with the MD5, piece acks. */
    static byte[] mcuAnswers(int pieceSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.OTA_START_ACK, 1, new byte[0])));
        out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.MCU_READY, 0x40, readyPayload(pieceSize))));
        int pieces = (IMAGE.length + pieceSize - 1) / pieceSize;
        for (int sn = 2; sn < 2 + pieces; sn++) {
            out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.PIECE_ACK, sn, new byte[0])));
        }
        out.writeBytes("brickproof D5 app v2.0 (STM32F103C8)\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] withAbort() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.OTA_START_ACK, 1, new byte[0])));
        out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.MCU_ABORT, 5, new byte[] {1})));
        return out.toByteArray();
    }

    private static byte[] withReboot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WIRE.encode(new GizwitsFrame(GizwitsFrame.REBOOT_MODULE, 7, new byte[0])));
        out.writeBytes(mcuAnswers(128));
        return out.toByteArray();
    }

    private static byte[] readyPayload(int pieceSize) {
        byte[] md5 = GizwitsOtaClient.md5Hex(IMAGE).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + md5.length).putShort((short) md5.length).put(md5).putShort((short) pieceSize)
                .array();
    }

    private static byte[] image(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
