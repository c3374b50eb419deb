package dev.brickproof.rig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.RigTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

public class DeviceChannelTest {

    private static void say(PtyPair pair, String text) {
        pair.device.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void aMatchLeavesEverythingAfterItOnTheLinkForTheNextReader() throws Exception {
        try (PtyPair pair = new PtyPair()) {
            say(pair, "D1: received 12 bytes\r\nD1: starting app\r\nbrickproof D1 app v2.0\r\n");
            Thread.sleep(50);
            DeviceChannel client = new DeviceChannel(pair.host);
            Matcher m = client.awaitLine(Pattern.compile("received (\\d+) bytes"),
                    pair.host.clock().deadlineAfter(Duration.ofSeconds(1), "x"), Duration.ofMillis(100));
            assertThat(m.group(1)).isEqualTo("12");
            DeviceChannel console = new DeviceChannel(pair.host); // e.g. the harness's console on the same link
            assertThat(console.awaitText(Pattern.compile("^D1: starting app", Pattern.MULTILINE),
                    pair.host.clock().deadlineAfter(Duration.ofSeconds(1), "y")).group()).isEqualTo("D1: starting app");
        }
    }

    @Test
    public void aMatchEndingInADigitWaitsForTheRestOfTheNumber() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                dev.write("app v1".getBytes(StandardCharsets.US_ASCII));
                sleep(5);
                dev.write("2.0\r\n".getBytes(StandardCharsets.US_ASCII));
            });
            Matcher m = new DeviceChannel(pair.host).awaitText(Pattern.compile("app v(\\d+)"),
                    pair.host.clock().deadlineAfter(Duration.ofSeconds(1), "banner"));
            assertThat(m.group(1)).isEqualTo("12");
        }
    }

    @Test
    public void aTimeoutNamesWhatWasAwaitedAndQuotesTheLastLines() {
        try (PtyPair pair = new PtyPair()) {
            say(pair, "line one\r\nHardFault\r\n\u0001\u0002");
            assertThatThrownBy(() -> new DeviceChannel(pair.host).awaitText(Pattern.compile("app v2"),
                    pair.host.clock().deadlineAfter(Duration.ofMillis(300), "the v2 banner")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("the v2 banner")
                    .hasMessageContaining("HardFault").hasMessageContaining("0D 0A 01 02 |");
        }
    }

    @Test
    public void readExactlyTimesOutWithinItsDeadline() {
        try (PtyPair pair = new PtyPair()) {
            say(pair, "ab");
            long start = System.nanoTime();
            assertThatThrownBy(() -> new DeviceChannel(pair.host).readExactly(3,
                    pair.host.clock().deadlineAfter(Duration.ofMillis(250), "three bytes")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("61 62 |ab|");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 800L);
        }
    }

    @Test
    public void hexDumpShowsHexAndPrintableText() {
        assertThat(HexDump.of(new byte[] {0x79, 0x1F, 'C', 0x0A})).isEqualTo("79 1F 43 0A |y.C.|");
        assertThat(HexDump.of(new byte[0])).isEqualTo("(nothing)");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
