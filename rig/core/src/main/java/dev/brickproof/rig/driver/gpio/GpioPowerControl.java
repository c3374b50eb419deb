package dev.brickproof.rig.driver.gpio;

import dev.brickproof.rig.driver.PowerControl;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.time.RigClock;
import java.time.Duration;

/** Board supply through a relay on a GPIO line; the relay's wiring decides which coil state powers the board. */
public final class GpioPowerControl implements PowerControl {
    private final GpioOutput coil;
    private final PowerRelay relay;
    private final RigClock clock;
    private final Duration settle;

    public GpioPowerControl(GpioOutput coil, PowerRelay relay, RigClock clock, Duration settle) {
        this.coil = coil;
        this.relay = relay;
        this.clock = clock;
        this.settle = settle;
    }

    @Override
    public void on() {
        coil.set(relay.coilEnergisedFor(true));
        clock.pause(settle);
    }

    @Override
    public void off() {
        coil.set(relay.coilEnergisedFor(false));
    }

    @Override
    public boolean isOn() {
        return relay.poweredWhenCoil(coil.isAsserted());
    }

    @Override
    public void cycle(Duration offTime) {
        off();
        clock.pause(offTime);
        on();
    }

    @Override
    public void close() {
        coil.set(relay.coilEnergisedFor(relay.safeOn()));
    }
}
