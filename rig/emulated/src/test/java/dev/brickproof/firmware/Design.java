package dev.brickproof.firmware;

import dev.brickproof.api.FlashOperation.Kind;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaResult;
import dev.brickproof.rig.protocol.iap.FlagWordIapClient;
import dev.brickproof.rig.protocol.iap.FlagWordIapOptions;
import dev.brickproof.rig.protocol.iap.IapResult;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapClient;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapOptions;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemResult;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How to provision, update (v1.0 → v2.0 through the design's real protocol, spoken by the rig's own client
 * for that design) and judge one fixture bootloader. The outcome vocabulary and phase names are those of
 * fixtures/firmware/README.md.
 *
 * <p>Once an armed power cut has fired, the console waits give up at once and no further client is started;
 * a client already running when the board dies fails with its own typed exception ({@code RigTimeoutException}
 * when the device falls silent, a {@code ProtocolException} when it said something wrong first), which
 * {@link #update} lets through for the caller to judge.
 */
abstract class Design {
    static final int FLASH = 0x0800_0000;
    static final List<String> PHASES = List.of("transfer", "erase", "program", "flag-write", "apply", "commit");

    final String boot;
    final Map<String, Object> manifest;
    final String chip;
    final String designName;

    Design(String boot) {
        this.boot = boot;
        this.manifest = Fixtures.manifest(boot);
        this.chip = manifest.get("chip").toString();
        this.designName = manifest.get("design").toString();
    }

    /**
     * Whether this test driver knows the image's design: the seed designs. The vendor-HAL-style loaders
     * (HAL-XMODEM, HAL-TEXT, HAL-YMODEM) are described in YAML only and driven by the rig's registered
     * protocol drivers (HalDesignBootTest, the suites), not by this class.
     */
    static boolean knows(String image) {
        return !image.contains("-hal-");
    }

    static Design of(String boot) {
        if (boot.contains("-d1-")) {
            return new D1(boot);
        }
        if (boot.contains("-d3-")) {
            return new D3(boot);
        }
        if (boot.contains("-d5-")) {
            return new D5(boot);
        }
        if (boot.contains("-d4")) {
            return new D4(boot);
        }
        return new Ymodem(boot);
    }

    /** "f103-d5" for "f103-d5-boot-flag-cleared-early.bin". */
    String prefix() {
        return boot.substring(0, boot.indexOf("-boot"));
    }

    String app(int major) {
        return prefix() + "-app-v" + major + ".0.bin";
    }

    int appBase() {
        return Fixtures.hex(Fixtures.manifest(app(1)).get("loadAddress"));
    }

    String appBanner(int major) {
        return "brickproof " + designName + " app v" + major + ".0 (" + chip + ")";
    }

    /** Text that means "the bootloader is back in its update path by itself", or null. */
    String resumePrompt() {
        return null;
    }

    @SuppressWarnings("unchecked")
    String expected(String phase) {
        return ((Map<String, Object>) manifest.get("expectedOutcome")).get(phase).toString();
    }

    void provision(Bench b) {
        b.program(FLASH, Fixtures.image(boot));
        b.program(appBase(), Fixtures.image(app(1)));
    }

    /** A provisioned board, powered, v1.0 banner seen and settled. */
    Bench bootV1() {
        Bench b = new Bench(Bench.chipOf(chip));
        provision(b);
        b.powerOn();
        if (!b.awaitText(appBanner(1), 0, Duration.ofSeconds(5))) {
            throw new AssertionError("v1.0 did not boot:\n" + b.text());
        }
        b.run(Duration.ofMillis(20));
        return b;
    }

    /** Drives the update from the running v1.0 app until v2.0 runs (or an armed cut fires). */
    abstract void update(Bench b);

    /**
     * Virtual-time budget of one client run: a clean update of a fixture image takes under 6 s; after a power
     * cut the client waits this long at most for a board that is gone.
     */
    static final Duration CLIENT_BUDGET = Duration.ofSeconds(20);

    /** The YMODEM sender as the fixtures need it: no turnaround pause (the lockstep wire loses nothing). */
    static YmodemSender ymodemSender(BenchHost host) {
        return new YmodemSender(host.freshLink(), YmodemOptions.defaults().withTurnaround(Duration.ZERO), null);
    }

    /** Phase of a flash operation of a clean update (ops are in order; all = the whole list). */
    abstract String phase(Bench.Op op, List<Bench.Op> all);

    /** What the board does after a cut, judged as in the README. */
    String classify(Bench b, int mark) {
        String t = b.textSince(mark);
        byte[] v1 = Fixtures.image(app(1)), v2 = Fixtures.image(app(2));
        int base = appBase();
        if (t.contains(appBanner(2)) && Arrays.equals(b.read(base, v2.length), v2)) {
            return "NEW_BOOTS";
        }
        if (t.contains(appBanner(1)) && Arrays.equals(b.read(base, v1.length), v1)) {
            return "OLD_BOOTS";
        }
        // the library's severity rule (VerdictRules): CORRUPTED only for a whole application banner over flash that
        // is not exactly that image; no banner at all (a garbled one included) is BRICKED whatever the cause
        if (java.util.regex.Pattern.compile("brickproof " + java.util.regex.Pattern.quote(designName)
                + " app v\\d+\\.\\d+ \\(" + chip + "\\)").matcher(t).find()) {
            return "CORRUPTED";
        }
        if (resumePrompt() != null && t.contains(resumePrompt())) {
            return "RESUMES";
        }
        return "BRICKED";
    }

    static void require(boolean ok, Bench b, String what) {
        if (!ok && !b.cutFired()) {
            throw new AssertionError(what + "\n--- console ---\n" + b.text());
        }
    }

    // ------------------------------------------------------------------ D1

    static final class D1 extends Design {
        D1(String boot) {
            super(boot);
        }

        @Override
        String resumePrompt() {
            return "D1: update mode";
        }

        @Override
        void provision(Bench b) {
            super.provision(b);
            b.program(0x0800_F000, new byte[] {0, 0});
        }

        @Override
        void update(Bench b) {
            int m = b.size();
            b.send("update\r\n");
            require(b.awaitText("send FF <pages> AA\r\n", m, Duration.ofSeconds(2)), b, "no D1 update mode");
            if (b.cutFired()) {
                return;
            }
            byte[] img = Fixtures.image(app(2));
            m = b.size();
            try (BenchHost host = new BenchHost(b)) {
                IapResult r = new FlagWordIapClient(host.freshLink(), FlagWordIapOptions.defaults(), null)
                        .upload(img, host.deadline(CLIENT_BUDGET, "D1 update"));
                require(r.bytesConfirmed() == img.length, b, "D1 confirmed " + r.bytesConfirmed() + " bytes");
            }
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(5)), b, "v2.0 did not boot");
        }

        @Override
        String phase(Bench.Op op, List<Bench.Op> all) {
            if (op.address() >= 0x0800_F000) {
                if (op.kind() == Kind.PAGE_ERASE) {
                    return "flag-write";
                }
                boolean appAreaBefore = all.stream().takeWhile(o -> o != op)
                        .anyMatch(o -> o.address() >= appBase() && o.address() < 0x0800_F000);
                return appAreaBefore ? "commit" : "flag-clear";
            }
            return op.kind() == Kind.PAGE_ERASE ? "erase" : "program";
        }
    }

    // ------------------------------------------------------------------ D3

    static final class D3 extends Design {
        D3(String boot) {
            super(boot);
        }

        @Override
        String resumePrompt() {
            return "D3: IAP mode";
        }

        @Override
        void update(Bench b) {
            byte[] img = Fixtures.image(app(2));
            int m = b.size();
            boolean[] ledInIapMode = {false};
            try (BenchHost host = new BenchHost(b)) {
                IapResult r = new KeyAtResetIapClient(host.freshLink(), host, host, KeyAtResetIapOptions.defaults(),
                        p -> {
                            if (p.phase().equals("D3 IAP mode")) {
                                ledInIapMode[0] = b.board.output('A', 4);
                            }
                        }).upload(img, host.deadline(CLIENT_BUDGET, "D3 update"));
                require(r.bytesConfirmed() == img.length, b, "D3 confirmed " + r.bytesConfirmed() + " bytes");
                require(ledInIapMode[0], b, "LED PA4 was off in IAP mode");
                require(b.awaitText("reset to start the app", m, Duration.ofSeconds(2)), b, "no end of image");
                require(!b.board.output('A', 4), b, "LED PA4 still on");
                m = b.size();
                host.pulse();
            }
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(3)), b, "v2.0 did not boot");
        }

        @Override
        String phase(Bench.Op op, List<Bench.Op> all) {
            if (op.kind() == Kind.PAGE_ERASE) {
                return "erase";
            }
            return op.address() < appBase() + 0x400 ? "commit" : "program";
        }
    }

    // ------------------------------------------------------------------ D5

    static final class D5 extends Design {
        D5(String boot) {
            super(boot);
        }

        /** The MCU's ready frame comes after it erased APPBAK: allow for that. */
        static final GizwitsOtaOptions OPTIONS = GizwitsOtaOptions.defaults().withReadyTimeout(Duration.ofSeconds(10));

        @Override
        void update(Bench b) {
            byte[] img = Fixtures.image(app(2));
            int m = b.size();
            b.send("update\r\n");
            require(b.awaitText("(0x19)\r\n", m, Duration.ofSeconds(2)), b, "no P0 receiver");
            if (b.cutFired()) {
                return;
            }
            try (BenchHost host = new BenchHost(b)) {
                GizwitsOtaResult r = new GizwitsOtaClient(host.freshLink(), OPTIONS, null)
                        .upload(img, host.deadline(CLIENT_BUDGET, "Gizwits OTA"));
                require(r.pieceSize() == 256, b, "0x1B must advertise piece size 256, not " + r.pieceSize());
            }
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(8)), b, "v2.0 did not boot");
        }

        @Override
        String phase(Bench.Op op, List<Bench.Op> all) {
            if (op.address() >= 0x0800_9800) {
                return op.kind() == Kind.PAGE_ERASE ? "erase" : "program";
            }
            if (op.address() >= 0x0800_2C00 && op.address() < 0x0800_3000) {
                if (op.byApp()) {
                    return "flag-write";
                }
                boolean copied = all.stream().takeWhile(o -> o != op)
                        .anyMatch(o -> !o.byApp() && o.address() >= 0x0800_3000 && o.address() < 0x0800_9800);
                return copied ? "commit" : "flag-clear";
            }
            return "apply";
        }
    }

    // ------------------------------------------------------------------ YMODEM IAP

    static final class Ymodem extends Design {
        Ymodem(String boot) {
            super(boot);
        }

        @Override
        String resumePrompt() {
            return "brickproof IAP menu";
        }

        @Override
        void update(Bench b) {
            int m = b.size();
            b.send("update\r\n");
            require(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2)), b, "no IAP menu");
            if (b.cutFired()) {
                return;
            }
            try (BenchHost host = new BenchHost(b)) {
                YmodemSender sender = ymodemSender(host);
                b.send("1");
                byte[] img = Fixtures.image(app(2));
                YmodemResult r = sender.send("app.bin", img, host.deadline(CLIENT_BUDGET, "YMODEM download"));
                require(r.bytes() == img.length, b, "YMODEM sent " + r.bytes() + " bytes");
            }
            m = b.size();
            require(b.awaitText("Execute the loaded", m, Duration.ofSeconds(2)), b, "no menu after download");
            require(b.textSince(Math.max(0, m - 300)).contains("completed successfully"), b, "download not reported ok");
            b.send("3");
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(2)), b, "v2.0 did not start");
        }

        @Override
        String phase(Bench.Op op, List<Bench.Op> all) {
            if (op.kind() != Kind.PROGRAM) {
                return "erase";
            }
            int page = chip.equals("STM32F103C8") ? 0x400 : 0x800;
            boolean deferred = manifest.get("variant").equals("robust");
            return deferred && op.address() < appBase() + page ? "commit" : "program";
        }
    }

    // ------------------------------------------------------------------ D4

    static final class D4 extends Design {
        final int ota;
        final int kv;
        final int appEnd;

        @SuppressWarnings("unchecked")
        D4(String boot) {
            super(boot);
            Map<String, List<String>> layout = (Map<String, List<String>>) manifest.get("layout");
            ota = Fixtures.hex(layout.get("ota").get(0));
            kv = Fixtures.hex(layout.get("kv").get(0));
            appEnd = Fixtures.hex(layout.get("app").get(1));
        }

        @Override
        void update(Bench b) {
            int m = b.size();
            b.send("update\r\n");
            require(b.awaitText("YMODEM-1K", m, Duration.ofSeconds(2)), b, "no D4 download");
            if (b.cutFired()) {
                return;
            }
            try (BenchHost host = new BenchHost(b)) {
                ymodemSender(host).send("ota.bin", otaImage(), host.deadline(CLIENT_BUDGET, "D4 download"));
            }
            m = b.size();
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(10)), b, "v2.0 did not boot");
        }

        /** The TencentOS OTA image that takes v1.0 to v2.0 (header + block patch from v1.0). */
        byte[] otaImage() {
            return OtaImage.of(2, 0, Fixtures.image(app(2)), 1, 0, Fixtures.image(app(1))).encode();
        }

        boolean inKv(Bench.Op op) {
            return op.address() >= kv && op.address() < 0x0803_F800;
        }

        @Override
        String phase(Bench.Op op, List<Bench.Op> all) {
            if (op.byApp() && op.address() >= ota && op.address() < kv) {
                return op.kind() == Kind.PAGE_ERASE ? "erase" : "program";
            }
            if (op.byApp() && inKv(op)) {
                return "flag-write";
            }
            int lastCopy = -1;
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).byApp() && !inKv(all.get(i))) {
                    lastCopy = i;
                }
            }
            if (!op.byApp() && inKv(op) && all.indexOf(op) > lastCopy) {
                return "commit";
            }
            // the cut point of "apply" is among the bootloader's writes to the app partition; the
            // ping-pong backup copy and the progress records before it are not cut points
            return !op.byApp() && op.address() >= appBase() && op.address() < appEnd ? "apply" : "apply-prep";
        }
    }
}
