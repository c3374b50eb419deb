package dev.brickproof.rig.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class LeaseDirectoryTest {
    private static final Instant SINCE = Instant.parse("2026-12-04T06:00:00Z");

    private static LeaseHolder holder(String command) {
        return LeaseHolder.thisProcess("f103-d1", "/dev/serial/by-id/usb-FTDI_A1-if00-port0", command, SINCE);
    }

    @Test
    public void aHeldLeaseRefusesASecondTakerNamingTheHolderAndIsFreeAfterRelease() throws Exception {
        LeaseDirectory leases = new LeaseDirectory(Files.createTempDirectory("leases"));
        try (BoardLease first = leases.acquire(holder("brickproof scenario"), Duration.ZERO, n -> { })) {
            assertThat(first.staleHolder()).isEmpty();
            assertThatThrownBy(() -> leases.acquire(holder("second run"), Duration.ZERO, n -> { }))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("board f103-d1 is leased by " + System.getProperty("user.name") + "@")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("since 2026-12-04T06:00:00Z")
                    .hasMessageContaining("running 'brickproof scenario'")
                    .hasMessageContaining("--wait");
            assertThat(leases.list()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(LeaseStatus.State.HELD);
                assertThat(s.holder().orElseThrow().command()).isEqualTo("brickproof scenario");
            });
        }
        assertThat(leases.list()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(LeaseStatus.State.FREE));
        try (BoardLease again = leases.acquire(holder("third run"), Duration.ZERO, n -> { })) {
            assertThat(again.staleHolder()).as("a released lease is not stale").isEmpty();
        }
    }

    @Test
    public void aLeaseFileLeftByADeadProcessIsReportedStaleAndTakenOver() throws Exception {
        LeaseDirectory leases = new LeaseDirectory(Files.createTempDirectory("leases"));
        LeaseHolder dead = new LeaseHolder("f103-d1", "/dev/serial/by-id/usb-FTDI_A1-if00-port0", "ci", "bench-pi",
                999_999, SINCE, "brickproof recover");
        Files.writeString(leases.fileFor(dead.resource()), dead.toText());
        assertThat(leases.list()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(LeaseStatus.State.STALE);
            assertThat(s.holder()).contains(dead);
        });
        List<String> notices = new ArrayList<>();
        try (BoardLease lease = leases.acquire(holder("brickproof scenario"), Duration.ZERO, notices::add)) {
            assertThat(lease.staleHolder()).contains(dead);
            assertThat(notices).singleElement().asString().contains("stale lease of ci@bench-pi pid 999999");
            assertThat(Files.readString(leases.fileFor(dead.resource()))).contains("command=brickproof scenario");
        }
    }

    @Test
    public void leaseFilesLiveInTheRuntimeDirectoryUnlessOverridden() throws Exception {
        Path runtime = Files.createTempDirectory("xdg");
        assertThat(LeaseDirectory.defaultDirectory(Map.of("XDG_RUNTIME_DIR", runtime.toString())))
                .isEqualTo(runtime.resolve("brickproof/leases"));
        assertThat(LeaseDirectory.defaultDirectory(Map.of("XDG_RUNTIME_DIR", runtime.toString(),
                "BRICKPROOF_LEASES", "/srv/leases"))).isEqualTo(Path.of("/srv/leases"));
        assertThat(LeaseDirectory.defaultDirectory(Map.of()).toString())
                .endsWith("brickproof-" + System.getProperty("user.name") + "/leases");
        assertThat(new LeaseDirectory(Path.of("/l")).fileFor("/dev/serial/by-id/usb-FTDI A1"))
                .isEqualTo(Path.of("/l/dev_serial_by-id_usb-FTDI_A1.lease"));
    }
}
