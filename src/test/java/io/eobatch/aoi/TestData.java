package io.eobatch.aoi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/** The shared sample data (system property {@code eobatch.shared.data}, else {@code ../shared/data}). */
final class TestData {

    static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    private TestData() {
    }

    static Path sharedData() {
        Path dir = Path.of(System.getProperty("eobatch.shared.data", "../shared/data"));
        assumeTrue(Files.isDirectory(dir.resolve("aoi")), "shared data not found at " + dir.toAbsolutePath()
                + " (set -Deobatch.shared.data): test skipped");
        return dir;
    }

    static Path aoiFile(String name) {
        return sharedData().resolve("aoi").resolve(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(aoiFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Aoi> allSampleAois() {
        List<Aoi> all = new ArrayList<>();
        for (String f : List.of("aoi-drava.geojson", "aoi-29RKH.geojson")) {
            GeoJsonAoiReader.read(bytes(f), CREATED).forEach(p -> all.add(p.aoi()));
        }
        return all;
    }
}
