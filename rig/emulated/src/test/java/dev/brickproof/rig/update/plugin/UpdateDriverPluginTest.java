package dev.brickproof.rig.update.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.ProtocolOptions;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDriverProvider;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.testng.annotations.Test;

/** A user's jar with a META-INF/services entry adds an update protocol without touching Brickproof. */
public class UpdateDriverPluginTest {

    /** A jar holding only the service entry that names {@link AcmeMenuUpdate.Provider}. */
    private static Path pluginJar() throws Exception {
        Path jar = Files.createTempDirectory("plugin").resolve("acme-loader.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + UpdateDriverProvider.class.getName()));
            out.write((AcmeMenuUpdate.Provider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static UpdateDrivers withPlugin() throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar().toUri().toURL()},
                UpdateDriverPluginTest.class.getClassLoader());
        return UpdateDrivers.load(loader);
    }

    @Test
    public void theBuiltInProtocolsAreFoundThroughTheServiceLoaderSorted() {
        assertThat(UpdateDrivers.names()).containsExactly("d1-raw", "d3-raw", "gizwits-p0", "raw", "script", "tobudos", "xmodem", "ymodem");
        assertThat(UpdateDrivers.supports("acme-menu")).as("not without the plugin jar").isFalse();
    }

    @Test
    public void aJarOnTheClassPathAddsItsProtocolNextToTheBuiltInOnes() throws Exception {
        UpdateDrivers drivers = withPlugin();

        assertThat(drivers.protocols()).contains("acme-menu", "ymodem", "d1-raw");
        assertThat(drivers.create("acme-menu", ProtocolOptions.none())).isInstanceOf(AcmeMenuUpdate.class);
    }

    @Test
    public void anUnknownProtocolIsAConfigurationErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> UpdateDrivers.forProtocol("xmodm"))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("firmware.protocol").hasMessageContaining("xmodm")
                .hasMessageContaining("d1-raw").hasMessageContaining("ymodem");
    }

    @Test
    public void thePluginsDriverUpgradesAnEmulatedBoardFromV1ToV2() throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        var rigFile = new RigFileLoader(Files.createTempDirectory("runs")).load(root.resolve("fixtures/rigs/emulated.yaml"));
        UpdateDriver driver = withPlugin().create("acme-menu",
                new ProtocolOptions("test", Map.of("downloadKey", "1")));
        int before = AcmeMenuUpdate.TRANSFERS.get();
        try (Rig rig = Rig.open(rigFile, RigOptions.defaults().withShutdownHook(false).withLockstep(true)
                .withPortDirectory(Files.createTempDirectory("by-id")))) {
            Board board = rig.board("l431-ymodem");
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);

            driver.update(board, strategy, fw.update(), UpdateDeadline.of(board, fw.update()), p -> { });

            Verdict verdict = new VerdictJudge(board).judge(fw.appBanner(), List.of(fw.app(), fw.update()),
                    board.resource().timing().bootTimeout());
            assertThat(verdict.kind()).as(verdict.toString()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(verdict.version()).isEqualTo("2.0");
            assertThat(verdict.detail()).contains("flash matches");
            assertThat(AcmeMenuUpdate.TRANSFERS.get()).as("the plugin's driver did the transfer").isEqualTo(before + 1);
        }
    }
}
