package dev.brickproof.fuzz;

/**
 * Default build or campaign, from the system properties surefire passes ({@code brickproof.fuzz.campaign},
 * {@code brickproof.fuzz.seed}, {@code brickproof.root}).
 */
record Mode(boolean campaign, long baseSeed, java.nio.file.Path root) {

    static Mode fromSystemProperties() {
        return new Mode(Boolean.getBoolean("brickproof.fuzz.campaign"),
                Long.parseLong(System.getProperty("brickproof.fuzz.seed", "20261204")),
                java.nio.file.Path.of(System.getProperty("brickproof.root", "../..")));
    }

    /** The seed of one target: the base seed mixed with the target's name, so targets draw different inputs. */
    String seedFor(String target) {
        long h = baseSeed;
        for (char c : target.toCharArray()) {
            h = h * 1_000_003L + c;
        }
        return Long.toString(h & Long.MAX_VALUE);
    }
}
