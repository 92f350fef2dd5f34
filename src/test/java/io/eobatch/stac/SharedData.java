package io.eobatch.stac;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** The real sample data of /work/shared/data (system property {@code eobatch.shared.data}, else ../shared/data). */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("eobatch.shared.data", "../shared/data")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir), "shared test data not found at " + dir + " (set -Deobatch.shared.data)");
        return dir;
    }

    /** The static catalog of 10 Sentinel-2 L2A clips over the Drava valley. */
    static Path dravaCatalog() {
        Path p = dir().resolve("s2l2a-drava-2023-08/catalog.json");
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static Path dravaItem(String id) {
        return dir().resolve("s2l2a-drava-2023-08/sentinel-2-l2a").resolve(id).resolve(id + ".json");
    }

    /** The unmodified Earth Search v1 item S2A_29RKH_20200219_0_L2A. */
    static Path earthSearchItem() {
        Path p = dir().resolve("s2l2a-29RKH-20200219/S2A_29RKH_20200219_0_L2A.json");
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static JsonObject readJson(Path p) {
        try (JsonReader r = Json.createReader(Files.newBufferedReader(p))) {
            return r.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AOIs of aoi/aoi-drava.geojson by feature id (drava-a, drava-b). */
    static Map<String, Geometry> dravaAois() {
        JsonObject fc = readJson(dir().resolve("aoi/aoi-drava.geojson"));
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (JsonValue f : fc.getJsonArray("features")) {
            JsonObject feature = f.asJsonObject();
            out.put(feature.getJsonObject("properties").getString("id"), GeoJson.read(feature));
        }
        return out;
    }
}
