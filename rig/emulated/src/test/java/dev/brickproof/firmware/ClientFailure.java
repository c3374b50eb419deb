package dev.brickproof.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigTimeoutException;

/**
 * What a protocol client may do when the board loses power under it: fail with a typed rig exception, either
 * {@link RigTimeoutException} (the device fell silent) or a {@link ProtocolException} (it said something the
 * protocol does not allow, e.g. a CAN or a half frame, before going quiet). Anything else, or any failure
 * while the board still has power, is a real failure and is rethrown.
 */
final class ClientFailure {
    private ClientFailure() {
    }

    /** Runs {@code update}; returns the client's typed failure once the armed cut has fired, or null. */
    static RigException afterCut(Bench b, Runnable update) {
        try {
            update.run();
            return null;
        } catch (RigException e) {
            if (!b.cutFired()) {
                throw e;
            }
            assertThat(e).as("a client that loses its board fails with a timeout or a protocol error, not %s", e)
                    .isInstanceOfAny(RigTimeoutException.class, ProtocolException.class);
            return e;
        }
    }
}
