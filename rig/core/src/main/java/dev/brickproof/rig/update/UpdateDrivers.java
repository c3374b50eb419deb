package dev.brickproof.rig.update;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The update drivers by rig-file protocol name, found with {@link ServiceLoader}: the built-in ones and any
 * {@link UpdateDriverProvider} a jar on the class path declares. Two providers of one name are a
 * configuration error naming both classes.
 */
public final class UpdateDrivers {
    private final Map<String, UpdateDriverProvider> providers;

    private UpdateDrivers(Map<String, UpdateDriverProvider> providers) {
        this.providers = providers;
    }

    /** The providers visible to {@code loader} (a user's plugin class loader, or the application's). */
    public static UpdateDrivers load(ClassLoader loader) {
        Map<String, UpdateDriverProvider> found = new TreeMap<>();
        for (UpdateDriverProvider provider : ServiceLoader.load(UpdateDriverProvider.class, loader)) {
            UpdateDriverProvider before = found.putIfAbsent(provider.protocol(), provider);
            if (before != null && before.getClass() != provider.getClass()) {
                throw new RigConfigurationException("(class path)", "META-INF/services/"
                        + UpdateDriverProvider.class.getName(), "protocol '" + provider.protocol() + "' is provided by both "
                        + before.getClass().getName() + " and " + provider.getClass().getName(),
                        "remove one of the two jars or rename one protocol");
            }
        }
        return new UpdateDrivers(found);
    }

    /** The providers on the class path of this library (and of the thread's context class loader). */
    public static UpdateDrivers installed() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(context != null ? context : UpdateDrivers.class.getClassLoader());
    }

    /** Whether a rig file may name {@code protocol}. */
    public static boolean supports(String protocol) {
        return installed().provider(protocol).isPresent();
    }

    /** The known protocol names, sorted. */
    public static List<String> names() {
        return installed().protocols();
    }

    /** A driver for {@code protocol} with default options. */
    public static UpdateDriver forProtocol(String protocol) {
        return installed().create(protocol, ProtocolOptions.none());
    }

    /** The driver a board's firmware profile names, configured with its {@code firmware.options}. */
    public static UpdateDriver forFirmware(FirmwareProfile firmware) {
        return installed().create(firmware.protocol(), ProtocolOptions.of(firmware));
    }

    public List<String> protocols() {
        return List.copyOf(providers.keySet());
    }

    public Optional<UpdateDriverProvider> provider(String protocol) {
        return Optional.ofNullable(providers.get(protocol));
    }

    public UpdateDriver create(String protocol, ProtocolOptions options) {
        UpdateDriverProvider provider = providers.get(protocol);
        if (provider == null) {
            throw new RigConfigurationException("(rig file)", "firmware.protocol", "no update driver for '" + protocol + "'",
                    "use one of " + protocols() + ", or put the jar that provides it on the class path");
        }
        return provider.create(options);
    }
}
