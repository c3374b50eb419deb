package dev.brickproof.firmware;

import dev.brickproof.emulator.FlashOperation.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How to provision, update (v1.0 → v2.0 through the design's real protocol) and judge one fixture
 * bootloader. The outcome vocabulary and phase names are those of fixtures/firmware/README.md.
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
        if (t.contains(" app v")) {
            return "CORRUPTED";
        }
        if (resumePrompt() != null && t.contains(resumePrompt())) {
            return "RESUMES";
        }
        boolean vectorsErased = Arrays.equals(b.read(base, 8), new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        boolean neither = !Arrays.equals(b.read(base, v1.length), v1) && !Arrays.equals(b.read(base, v2.length), v2);
        return !vectorsErased && neither ? "CORRUPTED" : "BRICKED";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
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
            byte[] img = Fixtures.image(app(2));
            m = b.size();
            b.send(new byte[] {(byte) 0xFF, (byte) ((img.length + 1023) / 1024), (byte) 0xAA});
            require(b.awaitText("send the image\r\n", m, Duration.ofSeconds(3)), b, "no erase answer");
            b.send(img);
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
            b.board.setInput('A', 0, true);
            int m = b.size();
            b.powerCycle();
            require(b.awaitText("send the image", m, Duration.ofSeconds(2)), b, "no IAP mode");
            require(b.board.output('A', 4), b, "LED PA4 is off in IAP mode");
            b.board.setInput('A', 0, false);
            byte[] img = Fixtures.image(app(2));
            for (int off = 0; off < img.length; off += 1024) {
                b.send(Arrays.copyOfRange(img, off, Math.min(img.length, off + 1024)));
                b.run(Duration.ofMillis(90 + 90));   // 1024 bytes take ~89 ms, then a 90 ms pause
            }
            require(b.awaitText("reset to start the app", m, Duration.ofSeconds(2)), b, "no end of image");
            require(!b.board.output('A', 4), b, "LED PA4 still on");
            m = b.size();
            b.powerCycle();
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

        @Override
        void update(Bench b) {
            byte[] img = Fixtures.image(app(2));
            byte[] md5 = ascii(md5Hex(img));
            int m = b.size();
            b.send("update\r\n");
            require(b.awaitText("(0x19)\r\n", m, Duration.ofSeconds(2)), b, "no P0 receiver");
            Bench.Reader r = b.reader();
            b.send(HostSide.p0Frame(0x19, 1,
                    ByteBuffer.allocate(38).putInt(img.length).putShort((short) 32).put(md5).array()));
            byte[] f = HostSide.p0Read(r, Duration.ofSeconds(3));
            require(f != null && f[0] == 0x1A, b, "no 0x1A");
            f = HostSide.p0Read(r, Duration.ofSeconds(10));
            require(f != null && f[0] == 0x1B, b, "no 0x1B");
            if (f == null) {
                return;
            }
            require(f.length == 37 && f[35] == 1 && f[36] == 0, b, "0x1B must advertise piece size 256");
            int count = (img.length + 255) / 256;
            for (int i = 0; i < count && !b.cutFired(); i++) {
                byte[] piece = Arrays.copyOfRange(img, i * 256, Math.min(img.length, (i + 1) * 256));
                b.send(HostSide.p0Frame(0x1D, 2 + i,
                        ByteBuffer.allocate(4 + piece.length).putShort((short) (i + 1)).putShort((short) count).put(piece).array()));
                if (i < count - 1) {
                    f = HostSide.p0Read(r, Duration.ofSeconds(3));
                    require(f != null && f[0] == 0x1E, b, "piece " + (i + 1) + " not acked");
                }
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

        static String md5Hex(byte[] data) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
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
            b.send("1");
            HostSide.ymodemSend(b, "app.bin", Fixtures.image(app(2)));
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
            byte[] ota = HostSide.otaImage(Fixtures.image(app(2)), new int[] {2, 0}, Fixtures.image(app(1)), new int[] {1, 0});
            HostSide.ymodemSend(b, "ota.bin", ota);
            m = b.size();
            require(b.awaitText(appBanner(2), m, Duration.ofSeconds(10)), b, "v2.0 did not boot");
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
