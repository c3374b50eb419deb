package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.verdict.Verdict;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.brickproof.testng.AllureSteps;
import dev.brickproof.testng.RigSession;
import org.testng.ITestContext;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Negative controls for the rig itself: they pass by showing that a broken rig is reported as a rig fault
 * (naming what is wrong), never as a verdict on the firmware.
 */
@Epic("Rig")
@Feature("Negative controls")
public class RigFaultScenarios {
    private final AllureSteps steps = new AllureSteps();
    private RigSession session;

    @BeforeClass(alwaysRun = true)
    public void joinSession(ITestContext context) {
        session = RigSession.of(context);
    }

    @Test(description = "A rig file with a wrong serial port is a RIG_FAULT naming the port")
    @Description("Opens fixtures/rigs/negative/wrong-port.yaml, whose adapter does not exist. Opening must fail"
            + " with a link error naming the port and the rig-file key, and the verdict must be RIG_FAULT.")
    public void aWrongSerialPortIsARigFaultNamingThePort() {
        Path file = session.root().resolve("fixtures/rigs/negative/wrong-port.yaml");
        RigDescription rig = steps.step("load " + file.getFileName(),
                () -> new RigFileLoader(session.root().resolve("reports/runs")).load(file));
        String port = rig.boards().get(0).serial().port();
        steps.parameter("port", port);
        Verdict verdict = steps.step("open the rig and classify the failure", () -> {
            try (Rig opened = Rig.open(rig, RigOptions.defaults().withShutdownHook(false))) {
                return Verdict.booted("?", "the rig opened although " + port + " does not exist");
            } catch (LinkException e) {
                return Verdict.rigFault(e.getMessage());
            }
        });
        steps.attach("verdict", "text/plain", verdict.toString(), ".txt");
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.RIG_FAULT);
        assertThat(verdict.detail()).contains(port).contains("serial.port");
    }

    @Test(description = "A rig file with an unknown key fails fast naming the file, the key and a fix")
    public void anUnknownKeyInARigFileFailsFast() throws Exception {
        Path file = Files.createTempFile("rig", ".yaml");
        Files.writeString(file, Files.readString(session.root().resolve("fixtures/rigs/negative/wrong-port.yaml"))
                .replace("baud: 115200", "baudrate: 115200"));
        RigConfigurationException e = steps.step("load a rig file with 'baudrate' instead of 'baud'", () -> {
            try {
                new RigFileLoader().load(file);
                return null;
            } catch (RigConfigurationException thrown) {
                return thrown;
            }
        });
        assertThat(e).as("loading must fail").isNotNull();
        assertThat(e.getMessage()).contains(file.toString()).contains("boards[0].serial.baudrate")
                .contains("unknown key").contains("baud");
    }

    @Test(description = "The selected rig file loads and every firmware image matches its SHA-256")
    public void theSelectedRigFileIsValid() {
        RigDescription rig = steps.step("load " + session.rigFile(), session::description);
        steps.parameter("rig", rig.name());
        assertThat(rig.boards()).isNotEmpty();
    }
}
