package dev.brickproof.rig.update;

import dev.brickproof.rig.RigConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The update drivers by rig-file protocol name. */
public final class UpdateDrivers {
    private static final Map<String, Supplier<UpdateDriver>> DRIVERS = Map.of(
            "d1-raw", D1RawUpdate::new,
            "d3-raw", D3RawUpdate::new,
            "ymodem", YmodemMenuUpdate::new,
            "gizwits-p0", GizwitsP0Update::new,
            "tobudos", TobudosOtaUpdate::new);

    private UpdateDrivers() { }

    public static boolean supports(String protocol) {
        return DRIVERS.containsKey(protocol);
    }

    /** The protocol names a rig file may write, sorted. */
    public static List<String> names() {
        return DRIVERS.keySet().stream().sorted().toList();
    }

    public static UpdateDriver forProtocol(String protocol) {
        Supplier<UpdateDriver> driver = DRIVERS.get(protocol);
        if (driver == null) {
            throw new RigConfigurationException("(rig file)", "firmware.protocol", "no update driver for '" + protocol + "'",
                    "use one of " + names());
        }
        return driver.get();
    }
}
