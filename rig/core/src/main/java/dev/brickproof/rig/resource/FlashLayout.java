package dev.brickproof.rig.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A design's partition layout: named regions of main flash, in address order. */
public record FlashLayout(Map<String, Region> regions) {
    public FlashLayout {
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
    }

    public static FlashLayout empty() {
        return new FlashLayout(Map.of());
    }

    public Optional<Region> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    public List<Region> inOrder() {
        return regions.values().stream().sorted((a, b) -> Integer.compareUnsigned(a.start(), b.start())).toList();
    }

    public Optional<Region> regionAt(int address) {
        return regions.values().stream().filter(r -> r.contains(address)).findFirst();
    }
}
