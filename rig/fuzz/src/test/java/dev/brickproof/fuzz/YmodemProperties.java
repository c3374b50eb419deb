package dev.brickproof.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import dev.brickproof.rig.protocol.ymodem.YmodemCodec;
import dev.brickproof.rig.protocol.ymodem.YmodemFile;
import dev.brickproof.rig.protocol.ymodem.YmodemHeader;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemReceiver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** YMODEM: the pure codec and the receiver fed a fuzzed sender. */
@AddLifecycleHook(FuzzBudget.class)
class YmodemProperties {
    static final Outcome CODEC = Outcome.documents(FrameCorruptedException.class);
    static final Outcome HEADER = Outcome.documents(FrameCorruptedException.class, FrameTooLargeException.class);
    static final Outcome RECEIVER = Outcome.documents(RigTimeoutException.class, ProtocolException.class);
    /** The receiver's configured maximum in these properties. */
    static final long MAX_FILE = 64 * 1024;

    @Property
    @FuzzTarget(value = "YmodemCodec.decode", sample = 2_000, campaign = 200_000, maxCaseMegabytes = 1)
    void decodeReturnsAnItemOrACorruptFrameForAnyBytes(@ForAll("wire") byte[] wire, @ForAll("cut") int cut) {
        int offset = Math.min(wire.length, cut % 7);
        int length = wire.length - offset;
        YmodemCodec.Decoded d = Cases.current().check(CODEC, () -> YmodemCodec.decode(wire, offset, length));
        if (d != null) {
            assertThat(d.consumed()).isBetween(0, length);
            if (d instanceof YmodemCodec.NeedMore) {
                assertThat(length).isLessThan(1029);
            }
        }
    }

    @Property
    @FuzzTarget(value = "YmodemCodec.parseHeader", sample = 2_000, campaign = 150_000, maxCaseMegabytes = 1)
    void block0ParsesToANameAndASizeOrIsRejected(@ForAll("block0") byte[] data) {
        YmodemHeader h = Cases.current().check(HEADER, () -> YmodemCodec.parseHeader(data));
        if (h != null) {
            assertThat(h.size()).isGreaterThanOrEqualTo(-1);
        }
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @FuzzTarget(value = "YmodemReceiver", sample = 150, campaign = 30_000)
    void theReceiverEndsWithFilesWithinItsMaximumOrADocumentedError(@ForAll("sender") byte[] sender) {
        ScriptedDevice device = new ScriptedDevice(sender);
        List<YmodemFile> files = Cases.current().check(RECEIVER, () -> new YmodemReceiver(device,
                YmodemOptions.defaults(), null, MAX_FILE).receiveBatch(
                device.clock().deadlineAfter(Duration.ofMinutes(10), "the fuzzed batch")));
        if (files != null) {
            for (YmodemFile f : files) {
                assertThat((long) f.data().length).isLessThanOrEqualTo(MAX_FILE);
            }
        }
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<byte[]> wire() {
        byte[] data = "brickproof fuzz ".repeat(80).getBytes(StandardCharsets.US_ASCII);
        return Inputs.mostlyMutated(List.of(
                YmodemCodec.encodeBlock(1, data, 0, 1024, 1024, YmodemCodec.PAD),
                YmodemCodec.encodeBlock(7, data, 0, 100, 128, YmodemCodec.PAD),
                YmodemCodec.encodeHeader("app.bin", 52_000),
                YmodemCodec.encodeEndOfBatch(),
                new byte[] {YmodemCodec.EOT, YmodemCodec.CAN, YmodemCodec.CAN}), 6, 1100);
    }

    @Provide
    Arbitrary<byte[]> block0() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMaxLength(30);
        Arbitrary<byte[]> sized = Combinators.combine(Arbitraries.strings().ascii().ofMaxLength(20), digits,
                Arbitraries.strings().ascii().ofMaxLength(20)).as((name, size, rest) -> pad(name + "\0" + size + rest));
        return Arbitraries.oneOf(sized, Inputs.mutated(List.of(pad("app.bin\0" + 52_000 + " 0 100644"),
                pad("x\0" + "1500000000"), pad("\0")), 6), Inputs.bytes(1024));
    }

    @Provide
    Arbitrary<byte[]> sender() {
        return Arbitraries.oneOf(Inputs.mutated(List.of(batch(300, 1024), batch(200, 128), batch(-1, 1024),
                twoFiles()), 6), absurdHeaders());
    }

    /** A well-formed header announcing any decimal size, then one block and the end of the batch. */
    private static Arbitrary<byte[]> absurdHeaders() {
        return Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(19).map(size -> {
            byte[] body = ("big.bin\0" + size).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(YmodemCodec.encodeBlock(0, body, 0, body.length, 128, 0));
            out.writeBytes(YmodemCodec.encodeBlock(1, new byte[1024], 0, 1024, 1024, YmodemCodec.PAD));
            out.write(YmodemCodec.EOT);
            out.write(YmodemCodec.EOT);
            out.writeBytes(YmodemCodec.encodeEndOfBatch());
            return out.toByteArray();
        });
    }

    static byte[] pad(String block0) {
        byte[] text = block0.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[text.length <= 128 ? 128 : 1024];
        System.arraycopy(text, 0, out, 0, Math.min(text.length, out.length));
        return out;
    }

    /** What a sender says for one file of {@code size} bytes (-1: no size in block 0) in blocks of {@code block}. */
    static byte[] batch(int size, int block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(file("fw.bin", size, block));
        out.writeBytes(YmodemCodec.encodeEndOfBatch());
        return out.toByteArray();
    }

    private static byte[] twoFiles() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(file("a.bin", 100, 128));
        out.writeBytes(file("b.bin", 1500, 1024));
        out.writeBytes(YmodemCodec.encodeEndOfBatch());
        return out.toByteArray();
    }

    private static byte[] file(String name, int size, int block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = size < 0 ? YmodemProperties.pad(name + "\0") : YmodemCodec.encodeHeader(name, size);
        if (size < 0) {
            header = YmodemCodec.encodeBlock(0, header, 0, 128, 128, 0);
        }
        out.writeBytes(header);
        int length = size < 0 ? 2 * block : size;
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7);
        }
        int number = 1;
        for (int offset = 0; offset < length; offset += block) {
            out.writeBytes(YmodemCodec.encodeBlock(number++, data, offset, Math.min(block, length - offset), block,
                    YmodemCodec.PAD));
        }
        out.write(YmodemCodec.EOT);
        out.write(YmodemCodec.EOT);
        return out.toByteArray();
    }
}
