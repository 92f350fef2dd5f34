package io.eobatch.demo;

import java.nio.file.Path;

/** Placeholder until the generator lands. */
public final class DemoCatalogGenerator {
    private DemoCatalogGenerator() {
    }

    public static void generate(Path dir, long seed) {
        throw new UnsupportedOperationException("demo catalog generator not merged yet");
    }
}
