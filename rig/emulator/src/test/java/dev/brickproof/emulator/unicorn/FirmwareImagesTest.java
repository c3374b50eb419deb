package dev.brickproof.emulator.unicorn;

import org.testng.SkipException;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed images under resources/unicorn are exactly what firmware/unicorn builds (make check). */
public class FirmwareImagesTest {
    private static final Path FIRMWARE = Path.of("src/test/firmware/unicorn");

    @Test
    public void committedImagesAreReproducibleFromTheirSources() throws IOException, InterruptedException {
        if (!onPath("arm-none-eabi-gcc") || !onPath("make") || !Files.isDirectory(FIRMWARE)) {
            throw new SkipException("needs make and arm-none-eabi-gcc 12 + newlib (apt-get install "
                    + "gcc-arm-none-eabi libnewlib-arm-none-eabi) and the module directory as working directory");
        }
        Path scratch = Files.createTempDirectory("unicorn-fw");
        Process make = new ProcessBuilder("make", "--no-print-directory", "check",
                "BUILD=" + scratch.resolve("build"), "CHECKDIR=" + scratch.resolve("check"))
                .directory(FIRMWARE.toFile()).redirectErrorStream(true).start();
        boolean done = make.waitFor(120, TimeUnit.SECONDS);
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("make check finished").isTrue();
        assertThat(make.exitValue()).as("make check\n%s", output).isZero();
        assertThat(output).contains("committed images are reproducible");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
