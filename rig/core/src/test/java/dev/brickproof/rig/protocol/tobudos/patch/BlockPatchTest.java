package dev.brickproof.rig.protocol.tobudos.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Generate → apply (in place, in the patch's order) → the identical new image, on random and real image pairs. */
public class BlockPatchTest {

    @DataProvider
    public Object[][] randomPairs() {
        List<Object[]> cases = new ArrayList<>();
        int[] sizes = {0, 1, 63, 64, 100, 2047, 2048, 2049, 5000, 12000, 40000};
        String[] kinds = {"identical", "unrelated", "edited", "shuffled", "grown", "shrunk"};
        long seed = 1;
        for (int size : sizes) {
            for (String kind : kinds) {
                for (int block : new int[] {64, 2048}) {
                    cases.add(new Object[] {size, kind, block, seed++});
                }
            }
        }
        return cases.toArray(Object[][]::new);
    }

    @Test(dataProvider = "randomPairs")
    public void randomPairsRoundTrip(int size, String kind, int block, long seed) {
        Random rnd = new Random(seed);
        byte[] old = firmwareLike(rnd, size);
        byte[] neu = derive(rnd, old, kind);
        BlockPatch patch = BlockPatch.between(old, neu, block);
        assertThat(BlockPatchApplier.apply(old, patch.bytes())).isEqualTo(neu);
        assertThat(patch.records()).isEqualTo((neu.length + block - 1) / block);
    }

    @Test
    public void blockSwapsFormACycleThatIsBrokenByStashing() {
        Random rnd = new Random(7);
        byte[] old = new byte[4 * 2048];
        rnd.nextBytes(old);
        byte[] neu = old.clone();
        // new block 0 = old block 1 and new block 1 = old block 0: each reads the other's old content
        System.arraycopy(old, 2048, neu, 0, 2048);
        System.arraycopy(old, 0, neu, 2048, 2048);
        BlockPatch patch = BlockPatch.forL431(old, neu);
        assertThat(patch.stashSlots()).isEqualTo(1);
        assertThat(BlockPatchApplier.apply(old, patch.bytes())).isEqualTo(neu);
    }

    @Test
    public void aPatchForAnotherOldImageIsRefused() {
        byte[] v1 = fixture("l431-d4ip-app-v1.0.bin");
        byte[] v2 = fixture("l431-d4ip-app-v2.0.bin");
        byte[] v3 = fixture("l431-d4ip-app-v3.0.bin");
        byte[] patch = BlockPatch.forL431(v1, v2).bytes();
        assertThatThrownBy(() -> BlockPatchApplier.apply(v3, patch)).isInstanceOf(PatchRejectedException.class)
                .hasMessageContaining("build the patch from the running image");
        byte[] flipped = v1.clone();
        flipped[v1.length / 2] ^= 1;
        assertThatThrownBy(() -> BlockPatchApplier.apply(flipped, patch)).isInstanceOf(PatchRejectedException.class);
    }

    @DataProvider
    public Object[][] fixturePairs() {
        List<Object[]> cases = new ArrayList<>();
        for (String design : List.of("l431-d4ip", "l431-d4pp")) {
            cases.add(new Object[] {design, 1, 2});
            cases.add(new Object[] {design, 1, 3});
            cases.add(new Object[] {design, 2, 3});
            cases.add(new Object[] {design, 3, 1});
        }
        return cases.toArray(Object[][]::new);
    }

    @Test(dataProvider = "fixturePairs")
    public void realFixtureImagesRoundTripAndThePatchIsSmallerThanTheImage(String design, int from, int to) {
        byte[] old = fixture(design + "-app-v" + from + ".0.bin");
        byte[] neu = fixture(design + "-app-v" + to + ".0.bin");
        BlockPatch patch = BlockPatch.forL431(old, neu);
        assertThat(BlockPatchApplier.apply(old, patch.bytes())).isEqualTo(neu);
        assertThat(patch.size()).isLessThan(neu.length);
        System.out.printf("patch %s v%d.0 -> v%d.0: %d bytes for a %d-byte image (%.1f %%), %d records, %d stashed%n",
                design, from, to, patch.size(), neu.length, 100.0 * patch.size() / neu.length, patch.records(),
                patch.stashSlots());
    }

    @Test
    public void aCorruptedRecordIsRefusedNotMisapplied() {
        byte[] v1 = fixture("l431-d4ip-app-v1.0.bin");
        byte[] v2 = fixture("l431-d4ip-app-v2.0.bin");
        byte[] patch = BlockPatch.forL431(v1, v2).bytes();
        for (int at : new int[] {PatchFormat.HEADER_SIZE + 9, patch.length / 2, patch.length - 1}) {
            byte[] bad = patch.clone();
            bad[at] ^= 0x40;
            assertThatThrownBy(() -> BlockPatchApplier.apply(v1, bad)).isInstanceOf(PatchRejectedException.class);
        }
        assertThatThrownBy(() -> BlockPatchApplier.apply(v1, Arrays.copyOf(patch, patch.length - 10)))
                .isInstanceOf(PatchRejectedException.class);
    }

    /** Code-like bytes: short repeated tokens, so edits leave long common runs as real builds do. */
    private static byte[] firmwareLike(Random rnd, int size) {
        byte[] tokens = new byte[256];
        rnd.nextBytes(tokens);
        byte[] out = new byte[size];
        for (int i = 0; i < size; ) {
            int t = rnd.nextInt(64) * 4;
            for (int k = 0; k < 4 && i < size; k++) {
                out[i++] = rnd.nextInt(8) == 0 ? (byte) rnd.nextInt() : tokens[t + k];
            }
        }
        return out;
    }

    private static byte[] derive(Random rnd, byte[] old, String kind) {
        switch (kind) {
            case "identical":
                return old.clone();
            case "unrelated":
                return firmwareLike(rnd, old.length);
            case "grown": {
                byte[] tail = firmwareLike(rnd, rnd.nextInt(3000) + 1);
                byte[] out = Arrays.copyOf(old, old.length + tail.length);
                System.arraycopy(tail, 0, out, old.length, tail.length);
                return edit(rnd, out);
            }
            case "shrunk":
                return edit(rnd, Arrays.copyOf(old, old.length / 2));
            case "shuffled": {
                byte[] out = old.clone();
                for (int n = 0; n < 6 && out.length > 200; n++) {
                    int len = 1 + rnd.nextInt(out.length / 4);
                    int a = rnd.nextInt(out.length - len);
                    int b = rnd.nextInt(out.length - len);
                    byte[] tmp = Arrays.copyOfRange(out, a, a + len);
                    System.arraycopy(out, b, out, a, len);
                    System.arraycopy(tmp, 0, out, b, len);
                }
                return edit(rnd, out);
            }
            default:
                return edit(rnd, old);
        }
    }

    /** A few byte changes, insertions and deletions. */
    private static byte[] edit(Random rnd, byte[] in) {
        byte[] out = in.clone();
        for (int n = 0; n < 8 && out.length > 0; n++) {
            int at = rnd.nextInt(out.length);
            switch (rnd.nextInt(3)) {
                case 0 -> out[at] ^= (byte) (1 + rnd.nextInt(255));
                case 1 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(40)];
                    rnd.nextBytes(ins);
                    byte[] grown = new byte[out.length + ins.length];
                    System.arraycopy(out, 0, grown, 0, at);
                    System.arraycopy(ins, 0, grown, at, ins.length);
                    System.arraycopy(out, at, grown, at + ins.length, out.length - at);
                    out = grown;
                }
                default -> {
                    int len = Math.min(out.length - at, 1 + rnd.nextInt(40));
                    byte[] shrunk = new byte[out.length - len];
                    System.arraycopy(out, 0, shrunk, 0, at);
                    System.arraycopy(out, at + len, shrunk, at, out.length - at - len);
                    out = shrunk;
                }
            }
        }
        return out;
    }

    static byte[] fixture(String name) {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        try {
            return Files.readAllBytes(root.resolve("fixtures/firmware/bin").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
