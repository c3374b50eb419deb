package dev.brickproof.rig.driver.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.GpioException;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.resource.RigDescription.GpioProvider;
import dev.brickproof.rig.time.WallClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class Pi4jGpioTest {
    private static final GpioLine NRST = new GpioLine("gpiochip0", 17, true);
    private static final GpioLine BOOT0 = new GpioLine("gpiochip0", 27, false);
    private static final GpioLine KEY = new GpioLine("gpiochip0", 22, false);
    private static final GpioLine COIL = new GpioLine("gpiochip0", 23, true);

    @Test
    public void outputsStartInTheirDeclaredSafeStateAtTheElectricalLevelTheWiringNeeds() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            List<Boolean> levels = new ArrayList<>();
            gpio.output("nrst", NRST, false);
            gpio.watch(NRST, levels::add);
            assertThat(levels).as("released active-low NRST is high").containsExactly(true);
        }
    }

    @Test
    public void aNormallyClosedActiveLowRelayPowersTheBoardWithTheCoilOff() {
        PowerRelay relay = new PowerRelay(COIL, PowerRelay.Wiring.NORMALLY_CLOSED, true);
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            GpioOutput coil = gpio.output("power", COIL, relay.coilEnergisedFor(relay.safeOn()));
            List<Boolean> levels = new ArrayList<>();
            gpio.watch(COIL, levels::add);
            GpioPowerControl power = new GpioPowerControl(coil, relay, new WallClock(), Duration.ZERO);
            assertThat(power.isOn()).isTrue();
            power.off();
            assertThat(power.isOn()).isFalse();
            assertThat(coil.isAsserted()).as("NC: off = coil energised").isTrue();
            power.on();
            assertThat(levels).as("active-low coil: energised = low").containsExactly(true, false, true);
        }
    }

    @Test
    public void closingTheBankReturnsEveryLineToItsSafeStateAfterAFailure() {
        List<Boolean> nrst = new ArrayList<>();
        List<Boolean> boot0 = new ArrayList<>();
        List<Boolean> coil = new ArrayList<>();
        PowerRelay relay = new PowerRelay(COIL, PowerRelay.Wiring.NORMALLY_OPEN, false);
        Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK);
        try {
            GpioOutput reset = gpio.output("nrst", NRST, false);
            GpioOutput boot = gpio.output("boot0", BOOT0, false);
            GpioOutput power = gpio.output("power", COIL, relay.coilEnergisedFor(false));
            gpio.watch(NRST, nrst::add);
            gpio.watch(BOOT0, boot0::add);
            gpio.watch(COIL, coil::add);
            reset.set(true);
            boot.set(true);
            power.set(true);
            throw new IllegalStateException("scenario failed mid-way");
        } catch (IllegalStateException expected) {
            gpio.close();
        }
        assertThat(nrst).endsWith(true);
        assertThat(boot0).endsWith(false);
        assertThat(coil).as("NO relay, safe unpowered: coil off (active-low: high)").endsWith(true);
    }

    @Test
    public void aResetPulseHoldsThenReleasesNrst() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            GpioOutput nrst = gpio.output("nrst", NRST, false);
            List<Boolean> levels = new ArrayList<>();
            gpio.watch(NRST, levels::add);
            new GpioResetControl(nrst, new WallClock(), Duration.ofMillis(5), Duration.ZERO).pulse();
            assertThat(levels).containsExactly(true, false, true);
        }
    }

    @Test
    public void bootModeSelectsRomOrKeyAndNormalIsTheSafeState() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            GpioOutput boot0 = gpio.output("boot0", BOOT0, false);
            GpioOutput key = gpio.output("key", KEY, false);
            GpioBootModeControl mode = new GpioBootModeControl("b", boot0, Optional.of(key));
            mode.selectRomBootloader();
            assertThat(boot0.isAsserted()).isTrue();
            mode.pressUpdateKey();
            assertThat(boot0.isAsserted()).isFalse();
            assertThat(key.isAsserted()).isTrue();
            mode.close();
            assertThat(key.isAsserted()).isFalse();
            assertThat(boot0.isAsserted()).isFalse();
        }
    }

    @Test
    public void pressingAKeyThatIsNotWiredIsABoardStateError() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            GpioBootModeControl mode = new GpioBootModeControl("b", gpio.output("boot0", BOOT0, false), Optional.empty());
            assertThatThrownBy(mode::pressUpdateKey).isInstanceOf(BoardStateException.class)
                    .hasMessageContaining("gpio.updateKey");
        }
    }

    @Test
    public void claimingALineTwiceIsAGpioError() {
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK)) {
            gpio.output("a", NRST, false);
            assertThatThrownBy(() -> gpio.output("b", NRST, false)).isInstanceOf(GpioException.class)
                    .hasMessageContaining("gpiochip0:17");
        }
    }
}
