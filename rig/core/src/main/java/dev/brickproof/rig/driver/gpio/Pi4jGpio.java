package dev.brickproof.rig.driver.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dev.brickproof.rig.GpioException;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.RigDescription.GpioProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rig's GPIO bank: one Pi4J 2.x context owned by the rig (no global Pi4J state), with outputs whose
 * Pi4J {@code initial} and {@code shutdown} states are the declared safe state. {@link #close()} drives every
 * line to its safe state and then shuts the context down, also after failures.
 *
 * <p>This is the only class that sees Pi4J types; Pi4J exceptions become {@link GpioException}.
 */
public final class Pi4jGpio implements AutoCloseable, SimulatedGpio {
    private final Context context;
    private final GpioProvider provider;
    private final String providerId;
    private final Map<GpioLine, Output> outputs = new LinkedHashMap<>();
    private final GpioJournal journal;
    /** Once set, only this thread (the one driving the safe state) may write any line. */
    private volatile Thread safeStateDriver;
    private boolean closed;

    private Pi4jGpio(Context context, GpioProvider provider, String providerId, GpioJournal journal) {
        this.context = context;
        this.provider = provider;
        this.providerId = providerId;
        this.journal = journal;
    }

    /** A context with only the chosen digital-output provider; no auto-detection, no Pi4J shutdown hook. */
    public static Pi4jGpio open(GpioProvider provider) {
        return open(provider, GpioJournal.none());
    }

    /** As {@link #open(GpioProvider)}, recording every write in {@code journal}. */
    public static Pi4jGpio open(GpioProvider provider, GpioJournal journal) {
        try {
            var builder = Pi4J.newContextBuilder().noAutoDetect().noAutoInject().disableShutdownHook();
            String id;
            if (provider == GpioProvider.MOCK) {
                builder.add(new MockPlatform()).add(MockDigitalOutputProvider.newInstance());
                id = MockDigitalOutputProvider.ID;
            } else {
                builder.add(GpioDDigitalOutputProvider.newInstance());
                id = GpioDDigitalOutputProvider.ID;
            }
            return new Pi4jGpio(builder.build(), provider, id, journal);
        } catch (RuntimeException | LinkageError e) {
            throw new GpioException("cannot start Pi4J with the " + provider.name().toLowerCase() + " provider: "
                    + e.getMessage() + (provider == GpioProvider.GPIOD
                    ? "; on a Raspberry Pi install libgpiod2 and run as a user in the 'gpio' group" : ""), e);
        }
    }

    public GpioProvider provider() {
        return provider;
    }

    public GpioJournal journal() {
        return journal;
    }

    /**
     * From now on only {@code driver} (the thread returning the board to its safe state after Ctrl-C) may write
     * lines; a write from any other thread is refused with a {@link RunInterruptedException} and journaled.
     */
    public void reserveForSafeState(Thread driver) {
        safeStateDriver = driver;
        journal.note("=== GPIO reserved for the safe state by [" + driver.getName() + "] ===");
    }

    /**
     * Claims {@code line} as an output named {@code id}, starting (and shutting down) in the safe state.
     */
    public synchronized GpioOutput output(String id, GpioLine line, boolean safeAsserted) {
        if (closed) {
            throw new GpioException("GPIO bank is closed; cannot claim " + id);
        }
        if (outputs.containsKey(line)) {
            throw new GpioException("GPIO " + line + " is claimed twice (" + outputs.get(line).id + " and " + id + ")");
        }
        DigitalState safe = DigitalState.getState(line.levelFor(safeAsserted));
        try {
            DigitalOutputConfig config = DigitalOutput.newConfigBuilder(context)
                    .id(id)
                    .name(id + " (" + line + ")")
                    .address(line.line())
                    .initial(safe)
                    .shutdown(safe)
                    .provider(providerId)
                    .build();
            DigitalOutput pin = context.create(config);
            Output out = new Output(id, line, safeAsserted, pin);
            outputs.put(line, out);
            journal.note("claim " + id + " " + line + " " + (safeAsserted ? "asserted" : "released")
                    + " (safe state)");
            return out;
        } catch (RuntimeException e) {
            throw new GpioException("cannot claim GPIO " + line + " for " + id + ": " + e.getMessage()
                    + "; check the line number and that no other process holds it (gpioinfo)", e);
        }
    }

    @Override
    public synchronized void watch(GpioLine line, LevelListener listener) {
        if (provider != GpioProvider.MOCK) {
            throw new GpioException("only mock GPIO lines can be watched by a simulated board");
        }
        Output out = Optional.ofNullable(outputs.get(line)).orElseThrow(
                () -> new GpioException("GPIO " + line + " is not claimed; claim it before wiring a simulated board"));
        out.pin.addListener(event -> listener.level(event.state().isHigh()));
        listener.level(out.pin.state().isHigh());
    }

    /**
     * Every line not yet in its safe state goes there, then the Pi4J context shuts down (which applies the
     * shutdown state too).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (Output out : outputs.values()) {
            try {
                if (out.isAsserted() != out.safeAsserted()) { // the drivers normally did it already: once is enough
                    out.toSafeState();
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        journal.note("=== GPIO bank closed ===");
        journal.close();
        if (!failures.isEmpty()) {
            GpioException e = new GpioException("GPIO bank did not close cleanly; check the lines' levels by hand",
                    failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    private final class Output implements GpioOutput {
        private final String id;
        private final GpioLine line;
        private final boolean safeAsserted;
        private final DigitalOutput pin;

        Output(String id, GpioLine line, boolean safeAsserted, DigitalOutput pin) {
            this.id = id;
            this.line = line;
            this.safeAsserted = safeAsserted;
            this.pin = pin;
        }

        @Override
        public GpioLine line() {
            return line;
        }

        @Override
        public void set(boolean asserted) {
            Thread driver = safeStateDriver;
            if (driver != null && driver != Thread.currentThread()) {
                journal.refused(id, line, asserted);
                throw new RunInterruptedException("driving GPIO " + line + " (" + id + ")");
            }
            journal.write(id, line, asserted);
            try {
                pin.state(DigitalState.getState(line.levelFor(asserted)));
            } catch (RuntimeException e) {
                throw new GpioException("cannot drive GPIO " + line + " (" + id + ") "
                        + (asserted ? "asserted" : "released") + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean isAsserted() {
            return line.assertedAt(pin.state().isHigh());
        }

        @Override
        public boolean safeAsserted() {
            return safeAsserted;
        }

        @Override
        public String toString() {
            return id + " " + line;
        }
    }
}
