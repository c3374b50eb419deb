package dev.brickproof.rig.run;

import dev.brickproof.rig.RigConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One of {@code count} deterministic parts of a run ({@code -Dbrickproof.shard=i/n}, 1 ≤ i ≤ n), so CI runners can
 * share the scenario rows of one rig: every runner computes the same split from the same rig file, the shards
 * are disjoint and together they are exactly the unsharded run.
 *
 * <p>Rows of a parameterised test go round-robin ({@link #takesRow}); a whole test without rows goes to one
 * shard by a stable hash of its name ({@link #takesTest}); a range of work items such as the cut points of a
 * sweep is split into contiguous slices ({@link #slice}), so each shard forks from as few snapshots as possible.
 *
 * @param index 1-based number of this shard
 * @param count number of shards
 */
public record Shard(int index, int count) {

    /** The whole run: one shard of one. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /**
     * Parses {@code "i/n"}; null or blank is {@link #ALL}.
     *
     * @throws RigConfigurationException naming the property and the expected form
     */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the configuration error below
        }
        throw new RigConfigurationException("(system property)", "brickproof.shard",
                "'" + text + "' is not a shard", "write i/n with 1 <= i <= n, e.g. -Dbrickproof.shard=2/4");
    }

    /** Reads {@code -Dbrickproof.shard}. */
    public static Shard fromSystemProperty() {
        return parse(System.getProperty("brickproof.shard"));
    }

    public boolean isAll() {
        return count == 1;
    }

    /**
     * Whether row {@code row} (0-based, in the data provider's own deterministic order) of the parameterised test
     * {@code test} belongs to this shard. Rows go round-robin, starting at a shard chosen by the test's name so
     * that small tables do not all start on shard 1.
     */
    public boolean takesRow(String test, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row index must be >= 0, got " + row);
        }
        return (int) ((stableHash(test) + row) % count) == index - 1;
    }

    /** Whether the unparameterised test {@code test} runs in this shard (exactly one shard takes it). */
    public boolean takesTest(String test) {
        return (int) (stableHash(test) % count) == index - 1;
    }

    /**
     * This shard's contiguous part {@code [from, to)} of {@code total} work items (e.g. the cut points of a sweep);
     * sizes differ by at most one.
     */
    public Slice slice(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        long from = (long) total * (index - 1) / count;
        long to = (long) total * index / count;
        return new Slice((int) from, (int) to);
    }

    /** A half-open range of work items. */
    public record Slice(int from, int to) {
        public int size() {
            return to - from;
        }

        public boolean contains(int item) {
            return item >= from && item < to;
        }
    }

    private static long stableHash(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
