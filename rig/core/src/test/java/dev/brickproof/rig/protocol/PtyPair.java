package dev.brickproof.rig.protocol;

import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.PtyLink;
import dev.brickproof.rig.link.pty.TtyLink;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** A pty: our client on the master ({@link #host}), a scripted device on the slave ({@link #device}). */
public final class PtyPair implements AutoCloseable {
    public final PseudoTerminal pty = PseudoTerminal.open();
    public final PtyLink host = new PtyLink(pty);
    public final TtyLink device = TtyLink.open(pty.slavePath());
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scripted-device");
        t.setDaemon(true);
        return t;
    });

    /** Runs the device script on its own thread. */
    public Future<?> device(Consumer<TtyLink> script) {
        return executor.submit(() -> {
            try {
                script.accept(device);
            } catch (RuntimeException e) {
                if (!pty.isClosed()) {
                    throw e;
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        device.close();
        host.close();
    }
}
