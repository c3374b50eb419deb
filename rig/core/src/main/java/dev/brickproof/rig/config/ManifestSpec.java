package dev.brickproof.rig.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A firmware manifest as written beside each .bin (owned by the firmware build; unknown keys are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
record ManifestSpec(@JsonProperty("image") String image,
                    @JsonProperty("chip") String chip,
                    @JsonProperty("design") String design,
                    @JsonProperty("role") String role,
                    @JsonProperty("variant") String variant,
                    @JsonProperty("version") String version,
                    @JsonProperty("loadAddress") String loadAddress,
                    @JsonProperty("size") Long size,
                    @JsonProperty("sha256") String sha256,
                    @JsonProperty("banner") String banner,
                    @JsonProperty("expectedOutcome") Map<String, String> expectedOutcome,
                    @JsonProperty("layout") Map<String, List<String>> layout) { }
