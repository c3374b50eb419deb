package dev.brickproof.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.protocol.FrameCorruptedException;
import dev.brickproof.rig.protocol.FrameTooLargeException;
import dev.brickproof.rig.protocol.tobudos.KvRecord;
import dev.brickproof.rig.protocol.ymodem.YmodemCodec;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemReceiver;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Example;

/**
 * The crashes issue 14 found with 128,000 fuzzed inputs, each kept as an example so that it can never come
 * back: every one failed before its fix.
 */
class RegressionExamples {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Example
    void aKvSlotCutShortIsACorruptFrameNotAnArrayIndexError() {
        assertThatThrownBy(() -> KvRecord.decode(new byte[3], 0))
                .isInstanceOf(FrameCorruptedException.class)
                .hasMessageContaining("3 of 8 bytes");
        byte[] oneRecordAndAHalf = new byte[12];
        System.arraycopy(KvRecord.rollback().encode(), 0, oneRecordAndAHalf, 0, 8);
        assertThat(KvRecord.decode(oneRecordAndAHalf, 0)).isEqualTo(KvRecord.rollback());
        assertThatThrownBy(() -> KvRecord.decode(oneRecordAndAHalf, 8)).isInstanceOf(FrameCorruptedException.class);
        assertThatThrownBy(() -> KvRecord.decode(oneRecordAndAHalf, 40)).isInstanceOf(FrameCorruptedException.class);
        assertThat(KvRecord.isFree(new byte[] {-1, -1, -1}, 0)).isFalse();
    }

    @Example
    void aBlock0SizeAboveTheIntRangeIsRefusedNotAnIllegalArgument() {
        assertRefusedBeforeAllocating("2147483648");
    }

    @Example
    void aBlock0SizeOfOnePointFiveGigabytesIsRefusedBeforeAllocatingIt() {
        assertRefusedBeforeAllocating("1500000000");
    }

    @Example
    void aSizeJustAboveTheConfiguredMaximumIsRefusedAndOneAtItIsReceived() {
        byte[] atMax = YmodemProperties.batch(4096, 1024);
        ScriptedDevice ok = new ScriptedDevice(atMax);
        assertThat(new YmodemReceiver(ok, YmodemOptions.defaults(), null, 4096)
                .receive(ok.clock().deadlineAfter(Duration.ofMinutes(1), "a file at the maximum")).data()).hasSize(4096);
        ScriptedDevice over = new ScriptedDevice(YmodemProperties.batch(4097, 1024));
        assertThatThrownBy(() -> new YmodemReceiver(over, YmodemOptions.defaults(), null, 4096)
                .receive(over.clock().deadlineAfter(Duration.ofMinutes(1), "a file above the maximum")))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("4097")
                .hasMessageContaining("4096");
    }

    @Example
    void aSenderThatKeepsSendingBlocksPastTheMaximumIsStopped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body = "endless.bin\0".getBytes(StandardCharsets.US_ASCII); // no size: only the maximum limits it
        out.writeBytes(YmodemCodec.encodeBlock(0, body, 0, body.length, 128, 0));
        for (int n = 1; n <= 10; n++) {
            out.writeBytes(YmodemCodec.encodeBlock(n, new byte[1024], 0, 1024, 1024, YmodemCodec.PAD));
        }
        ScriptedDevice sender = new ScriptedDevice(out.toByteArray());
        assertThatThrownBy(() -> new YmodemReceiver(sender, YmodemOptions.defaults(), null, 4096)
                .receive(sender.clock().deadlineAfter(Duration.ofMinutes(1), "an endless file")))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("4096");
    }

    private static void assertRefusedBeforeAllocating(String size) {
        byte[] body = ("app.bin\0" + size).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(YmodemCodec.encodeBlock(0, body, 0, body.length, 128, 0));
        out.writeBytes(YmodemCodec.encodeBlock(1, new byte[1024], 0, 1024, 1024, YmodemCodec.PAD));
        ScriptedDevice sender = new ScriptedDevice(out.toByteArray());
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> new YmodemReceiver(sender, YmodemOptions.defaults(), null)
                .receive(sender.clock().deadlineAfter(Duration.ofMinutes(1), "block 0 of " + size + " bytes")))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining(size);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(8L << 20);
    }
}
