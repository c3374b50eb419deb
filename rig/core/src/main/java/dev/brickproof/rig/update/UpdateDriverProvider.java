package dev.brickproof.rig.update;

/**
 * The service-provider interface for update protocols: an implementation named in a jar's
 * {@code META-INF/services/dev.brickproof.rig.update.UpdateDriverProvider} adds the protocol
 * {@link #protocol()} to every rig file, found with {@link java.util.ServiceLoader} (see {@link UpdateDrivers}).
 * Implementations need a public no-argument constructor and no state.
 */
public interface UpdateDriverProvider {

    /** The name a rig file's {@code firmware.protocol} selects this driver by. */
    String protocol();

    /** A driver configured with the board's {@code firmware.options} (defaults where absent). */
    UpdateDriver create(ProtocolOptions options);
}
