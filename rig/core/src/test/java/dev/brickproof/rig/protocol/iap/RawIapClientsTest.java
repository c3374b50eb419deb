package dev.brickproof.rig.protocol.iap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.PtyPair;
import dev.brickproof.rig.protocol.TransferProgress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/** D1 and D3 clients against scripted bootloaders on a real pty. */
public class RawIapClientsTest {

    private static byte[] image(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static void say(ByteLink dev, String line) {
        dev.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads until {@code idle} of silence after the first byte; returns the bytes and the longest gap. */
    private static long[] readUntilIdle(ByteLink dev, ByteArrayOutputStream into, Duration idle) {
        byte[] buf = new byte[4096];
        long last = -1;
        long maxGap = 0;
        while (true) {
            int n = dev.read(buf, 0, buf.length, last < 0 ? Duration.ofSeconds(3) : idle);
            long now = System.nanoTime();
            if (n == 0) {
                return new long[] {into.size(), maxGap};
            }
            if (last >= 0) {
                maxGap = Math.max(maxGap, TimeUnit.NANOSECONDS.toMillis(now - last));
            }
            last = now;
            into.write(buf, 0, n);
        }
    }

    private static byte[] readN(ByteLink dev, int n) {
        byte[] out = new byte[n];
        int have = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (have < n && System.nanoTime() < end) {
            have += dev.read(out, have, n - have, Duration.ofMillis(50));
        }
        return out;
    }

    private static final FlagWordIapOptions D1_FAST = FlagWordIapOptions.defaults()
            .withDone(Pattern.compile("D1: received (\\d+) bytes"), Duration.ofSeconds(2));

    @Test
    public void d1SendsFfPagesAaWaitsForTheEraseAndStreamsTheImage() throws Exception {
        byte[] data = image(5000);
        try (PtyPair pair = new PtyPair()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[][] request = new byte[1][];
            pair.device(dev -> {
                say(dev, "D1: update mode, send FF <pages> AA");
                request[0] = readN(dev, 3);
                sleep(request[0][1] * 20L);
                say(dev, "D1: erased " + request[0][1] + " pages, send the image");
                long[] r = readUntilIdle(dev, got, Duration.ofMillis(300));
                say(dev, "D1: received " + r[0] + " bytes");
                say(dev, "D1: starting app");
            });
            List<TransferProgress> progress = new ArrayList<>();
            IapResult result = new FlagWordIapClient(pair.host,
                    D1_FAST.withReady(Pattern.compile("D1: update mode"), Duration.ofSeconds(2)), progress::add)
                    .upload(data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "D1 update"));
            assertThat(request[0]).containsExactly(0xFF, 5, 0xAA);
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(result.bytesConfirmed()).isEqualTo(5000);
            assertThat(result.confirmation()).isEqualTo("D1: received 5000 bytes");
            assertThat(progress).extracting(TransferProgress::phase).contains("D1 erase 5 pages", "D1 image", "D1 done");
        }
    }

    @Test
    public void d1SizesTheRequestByCeilingOfPages() {
        FlagWordIapClient client = new FlagWordIapClient(new PtyPair().host, FlagWordIapOptions.defaults(), null);
        assertThat(client.pagesFor(1)).isEqualTo(1);
        assertThat(client.pagesFor(1024)).isEqualTo(1);
        assertThat(client.pagesFor(1025)).isEqualTo(2);
        assertThat(FlagWordIapClient.eraseRequest(50)).containsExactly(0xFF, 50, 0xAA);
    }

    @Test
    public void d1RefusesAnImageLargerThanTheBootloaderErases() {
        try (PtyPair pair = new PtyPair()) {
            assertThatThrownBy(() -> new FlagWordIapClient(pair.host, FlagWordIapOptions.defaults(), null)
                    .upload(image(51 * 1024 + 1), pair.host.clock().deadlineAfter(Duration.ofSeconds(1), "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("52 pages");
        }
    }

    @Test
    public void d1ABootloaderThatNeverConfirmsTheEraseTimesOutWithItsLastWords() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                readN(dev, 3);
                say(dev, "D1: flash error");
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new FlagWordIapClient(pair.host,
                    D1_FAST.withErase(Pattern.compile("D1: erased (\\d+) pages"), Duration.ofMillis(40),
                            Duration.ofMillis(500)), null)
                    .upload(image(2000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "D1 update")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("erase 2 pages")
                    .hasMessageContaining("D1: flash error");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
        }
    }

    @Test
    public void d1AShortCountFromTheBootloaderIsAProtocolError() {
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                readN(dev, 3);
                say(dev, "D1: erased 2 pages, send the image");
                readUntilIdle(dev, new ByteArrayOutputStream(), Duration.ofMillis(200));
                say(dev, "D1: received 1500 bytes");
            });
            assertThatThrownBy(() -> new FlagWordIapClient(pair.host, D1_FAST, null)
                    .upload(image(2000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "D1 update")))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("received 1500");
        }
    }

    /** Records what the client did with the key and reset; a reset with the key held starts IAP mode. */
    static final class FakePins implements BootModeControl, ResetControl {
        final List<String> calls = new ArrayList<>();
        final BlockingQueue<String> resets = new ArrayBlockingQueue<>(10);
        boolean keyHeld;

        @Override
        public void selectRomBootloader() {
            calls.add("rom");
        }

        @Override
        public void pressUpdateKey() {
            calls.add("key");
            keyHeld = true;
        }

        @Override
        public void selectNormalBoot() {
            calls.add("normal");
            keyHeld = false;
        }

        @Override
        public void hold() {
            calls.add("hold");
        }

        @Override
        public void release() {
            calls.add("release");
        }

        @Override
        public void pulse() {
            calls.add("pulse");
            resets.add(keyHeld ? "iap" : "app");
        }

        @Override
        public void close() {
        }
    }

    @Test
    public void d3HoldsTheKeyThroughResetStreamsWithGapsAndReleasesTheKey() throws Exception {
        byte[] data = image(4500);
        FakePins pins = new FakePins();
        try (PtyPair pair = new PtyPair()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long[] stats = new long[2];
            pair.device(dev -> {
                try {
                    if ("iap".equals(pins.resets.poll(2, TimeUnit.SECONDS))) {
                        say(dev, "brickproof D3 boot v1.0 (STM32F103C8)");
                        say(dev, "D3: IAP mode, send the image");
                        long[] r = readUntilIdle(dev, got, Duration.ofMillis(100));
                        System.arraycopy(r, 0, stats, 0, 2);
                        say(dev, "D3: received " + r[0] + " bytes");
                        say(dev, "D3: done, reset to start the app");
                    }
                    if ("app".equals(pins.resets.poll(2, TimeUnit.SECONDS))) {
                        say(dev, "brickproof D3 app v2.0 (STM32F103C8)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            IapResult result = new KeyAtResetIapClient(pair.host, pins, pins,
                    KeyAtResetIapOptions.defaults()
                            .withPacing(Pacing.of(1024, Duration.ofMillis(60)).atBaud(0, 10)) // a pty has no wire time
                            .withResetAfter(Pattern.compile("D3 app v(\\d+)\\.(\\d+)"),
                            Duration.ofSeconds(2)), null)
                    .upload(data, pair.host.clock().deadlineAfter(Duration.ofSeconds(10), "D3 update"));
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(result.bytesConfirmed()).isEqualTo(4500);
            assertThat(result.confirmation()).isEqualTo("D3 app v2.0");
            assertThat(pins.calls).containsExactly("key", "pulse", "normal", "pulse");
            assertThat(stats[1]).as("longest gap between chunks (ms)").isBetween(40L, 99L);
        }
    }

    @Test
    public void d3WithoutASignOfLifeTimesOutAndStillReleasesTheKey() {
        FakePins pins = new FakePins();
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                try {
                    pins.resets.poll(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                say(dev, "brickproof D3 app v1.0 (STM32F103C8)"); // the key was not seen
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> new KeyAtResetIapClient(pair.host, pins, pins,
                    KeyAtResetIapOptions.defaults().withReady(Pattern.compile("D3: IAP mode"), Duration.ofMillis(500)),
                    null).upload(image(100), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "D3 update")))
                    .isInstanceOf(RigTimeoutException.class).hasMessageContaining("sign of life")
                    .hasMessageContaining("D3 app v1.0");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
            assertThat(pins.calls).containsExactly("key", "pulse", "normal");
        }
    }

    @Test
    public void d3CuttingTheLinkMidImageIsALinkErrorAndReleasesTheKey() {
        FakePins pins = new FakePins();
        try (PtyPair pair = new PtyPair()) {
            pair.device(dev -> {
                try {
                    pins.resets.poll(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                say(dev, "D3: IAP mode, send the image");
                readN(dev, 1500);
                pair.pty.close();
            });
            assertThatThrownBy(() -> new KeyAtResetIapClient(pair.host, pins, pins, KeyAtResetIapOptions.defaults(),
                    null).upload(image(20_000), pair.host.clock().deadlineAfter(Duration.ofSeconds(5), "D3 update")))
                    .isInstanceOf(dev.brickproof.rig.LinkException.class);
            assertThat(pins.calls).endsWith("normal");
            assertThat(pins.keyHeld).isFalse();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
