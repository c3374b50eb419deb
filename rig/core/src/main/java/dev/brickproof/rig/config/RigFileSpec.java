package dev.brickproof.rig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The rig file exactly as written (strings), before validation. Keys are the YAML keys. */
record RigFileSpec(@JsonProperty("name") String name,
                   @JsonProperty("gpio") String gpio,
                   @JsonProperty("runs") String runs,
                   @JsonProperty("boards") List<Board> boards) {

    record Board(@JsonProperty("id") String id,
                 @JsonProperty("chip") String chip,
                 @JsonProperty("serial") Serial serial,
                 @JsonProperty("gpio") Gpio gpio,
                 @JsonProperty("power") Power power,
                 @JsonProperty("timing") Timing timing,
                 @JsonProperty("firmware") Firmware firmware,
                 @JsonProperty("emulated") Emulated emulated) { }

    record Serial(@JsonProperty("port") String port,
                  @JsonProperty("baud") Integer baud,
                  @JsonProperty("reappearTimeout") String reappearTimeout) { }

    record Line(@JsonProperty("chip") String chip,
                @JsonProperty("line") Integer line,
                @JsonProperty("activeLow") Boolean activeLow) { }

    record Gpio(@JsonProperty("reset") Line reset,
                @JsonProperty("boot0") Line boot0,
                @JsonProperty("updateKey") Line updateKey) { }

    record Power(@JsonProperty("relay") Line relay,
                 @JsonProperty("wiring") String wiring,
                 @JsonProperty("safeState") String safeState) { }

    record Timing(@JsonProperty("resetPulse") String resetPulse,
                  @JsonProperty("resetSettle") String resetSettle,
                  @JsonProperty("powerOff") String powerOff,
                  @JsonProperty("powerSettle") String powerSettle,
                  @JsonProperty("bootTimeout") String bootTimeout) { }

    record Firmware(@JsonProperty("design") String design,
                    @JsonProperty("updateEntry") String updateEntry,
                    @JsonProperty("protocol") String protocol,
                    @JsonProperty("pacing") String pacing,
                    @JsonProperty("entryCommand") String entryCommand,
                    @JsonProperty("provisionWrites") Map<String, String> provisionWrites,
                    @JsonProperty("banner") String banner,
                    @JsonProperty("bootBanner") String bootBanner,
                    @JsonProperty("bootloader") String bootloader,
                    @JsonProperty("app") String app,
                    @JsonProperty("update") String update,
                    @JsonProperty("variants") Map<String, String> variants) { }

    record Emulated(@JsonProperty("key") String key,
                    @JsonProperty("keyPressed") String keyPressed,
                    @JsonProperty("seed") Long seed,
                    @JsonProperty("idleFastForward") Boolean idleFastForward,
                    @JsonProperty("faults") java.util.List<String> faults) { }
}
