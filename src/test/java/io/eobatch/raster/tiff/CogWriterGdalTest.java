package io.eobatch.raster.tiff;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the writer's files with GDAL itself: {@code gdalinfo -json -checksum} (checksums, LAYOUT=COG,
 * georeferencing, nodata) and GDAL's {@code validate_cloud_optimized_geotiff.py --full-check=yes}. Skipped when
 * {@code /usr/bin/gdalinfo} is absent; the same checksums are checked without GDAL by {@link CogWriterTest}.
 */
class CogWriterGdalTest {

    private static final Path GDALINFO = Path.of("/usr/bin/gdalinfo");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path VALIDATOR =
            Path.of("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py");

    @TempDir
    static Path dir;

    @BeforeAll
    static void gdalPresent() {
        assumeTrue(Files.isExecutable(GDALINFO), "GDAL not installed (" + GDALINFO + "): skipping the GDAL cross-check");
    }

    static Stream<CogTestCases.Case> cases() {
        return CogTestCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gdalReadsTheCogAsWritten(CogTestCases.Case c) throws Exception {
        Path file = c.write(dir);
        JsonObject info;
        try (JsonReader r = Json.createReader(new StringReader(run(GDALINFO.toString(), "-json", "-checksum", file.toString())))) {
            info = r.readObject();
        }
        JsonObject band = info.getJsonArray("bands").getJsonObject(0);
        List<Integer> checksums = new ArrayList<>();
        checksums.add(band.getInt("checksum"));
        JsonArray overviews = band.getJsonArray("overviews");
        if (overviews != null) {
            overviews.forEach(o -> checksums.add(o.asJsonObject().getInt("checksum")));
        }
        int[] got = checksums.stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(c.expectedChecksums(), got, c.name() + ": GDAL checksums (full, overviews...) " + checksums);

        assertEquals("COG", info.getJsonObject("metadata").getJsonObject("IMAGE_STRUCTURE").getString("LAYOUT"),
                c.name() + ": IMAGE_STRUCTURE LAYOUT");
        JsonArray gt = info.getJsonArray("geoTransform");
        assertEquals(c.grid().originX(), gt.getJsonNumber(0).doubleValue(), 1e-9, c.name() + " geoTransform[0]");
        assertEquals(c.grid().pixelSizeX(), gt.getJsonNumber(1).doubleValue(), 1e-12, c.name() + " geoTransform[1]");
        assertEquals(c.grid().originY(), gt.getJsonNumber(3).doubleValue(), 1e-9, c.name() + " geoTransform[3]");
        assertEquals(c.grid().pixelSizeY(), gt.getJsonNumber(5).doubleValue(), 1e-12, c.name() + " geoTransform[5]");
        String wkt = info.getJsonObject("coordinateSystem").getString("wkt");
        assertTrue(wkt.contains("ID[\"EPSG\"," + c.grid().epsg() + "]"), c.name() + ": CRS should be EPSG:" + c.grid().epsg() + " in " + wkt);
        assertEquals(c.grid().width(), info.getJsonArray("size").getInt(0), c.name() + " width");
        Double nodata = CogTestReader.read(file).nodata();
        if (nodata != null) {
            assertEquals(nodata, band.getJsonNumber("noDataValue").doubleValue(), 0.0, c.name() + " noDataValue");
        } else {
            assertTrue(!band.containsKey("noDataValue"), c.name() + ": no nodata expected");
        }

        if (Files.isRegularFile(VALIDATOR) && Files.isExecutable(PYTHON)) {
            String out = run(PYTHON.toString(), VALIDATOR.toString(), "--full-check=yes", file.toString());
            assertTrue(out.contains("is a valid cloud optimized GeoTIFF"), c.name() + ": validator said " + out);
            assertTrue(!out.toLowerCase().contains("warning"), c.name() + ": validator warned " + out);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + text);
        return text;
    }
}
