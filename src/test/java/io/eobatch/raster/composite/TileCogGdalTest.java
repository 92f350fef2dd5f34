package io.eobatch.raster.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eobatch.raster.RasterBand;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.testsupport.TestData;

/**
 * A tile composite of the real Drava clips (max-NDVI, 9.6 km tile at 30 m: 320x320 px, so one overview), checked by
 * GDAL: {@code validate_cloud_optimized_geotiff.py --full-check=yes} says it is a valid COG, and {@code gdalinfo
 * -json} reads LAYOUT=COG, EPSG:32633, nodata NaN, one overview, the Float32 type and the same value at a pixel.
 * Skipped when /usr/bin/gdalinfo (Debian's gdal-bin) or the shared data are absent.
 */
class TileCogGdalTest {

    private static final Path GDALINFO = Path.of("/usr/bin/gdalinfo");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path VALIDATOR =
            Path.of("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py");

    @Test
    void gdalSaysTheTileIsAValidCog(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(GDALINFO), "GDAL not installed (" + GDALINFO + "): skipped");
        List<RasterBand> opened = new ArrayList<>();
        List<SceneInput> scenes = new ArrayList<>();
        try {
            for (String id : TestData.dravaItems()) {
                Path item = TestData.dravaItem(id);
                RasterBand red = GeoTiffBand.open(item.resolve("B04.tif").toUri());
                RasterBand nir = GeoTiffBand.open(item.resolve("B08.tif").toUri());
                RasterBand scl = GeoTiffBand.open(item.resolve("SCL.tif").toUri());
                opened.addAll(List.of(red, nir, scl));
                scenes.add(new SceneInput(id, 0, Map.of(Band.RED, red, Band.NIR, nir), scl, 0));
            }
            Tile tile = new TilingGrid(32633, 9600, 30, 0).tile(59, 530);
            TileComposite.Result r = TileComposite.compute(tile.grid(), scenes, SpectralIndex.NDVI,
                    CloudMask.DEFAULT, CompositeMethod.MAX);
            assertTrue(r.valid() > 90_000, "valid pixels " + r.valid());
            Path cog = dir.resolve(tile.id() + ".tif");
            TileComposite.writeCog(r, cog);

            JsonObject info = Json.createReader(new StringReader(run(GDALINFO.toString(), "-json",
                    "-mm", cog.toString()))).readObject();
            assertEquals("COG", info.getJsonObject("metadata").getJsonObject("IMAGE_STRUCTURE").getString("LAYOUT"));
            assertTrue(info.getJsonObject("coordinateSystem").getString("wkt").contains("ID[\"EPSG\",32633]"),
                    "CRS of " + cog);
            JsonObject band = info.getJsonArray("bands").getJsonObject(0);
            assertEquals("Float32", band.getString("type"));
            assertEquals("NaN", band.get("noDataValue").toString().replace("\"", ""));
            assertEquals(1, band.getJsonArray("overviews").size(), "overviews of " + cog);
            assertEquals(List.of(256, 256), band.getJsonArray("block").getValuesAs(jakarta.json.JsonNumber.class)
                    .stream().map(n -> n.intValue()).toList());
            float max = Float.NEGATIVE_INFINITY;
            for (float v : r.values()) {
                if (!Float.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
            assertEquals(max, band.getJsonNumber("computedMax").doubleValue(), 5e-4, "GDAL (3 decimals)'s max of " + cog);

            if (Files.isRegularFile(VALIDATOR)) {
                String out = run(PYTHON.toString(), VALIDATOR.toString(), "--full-check=yes", cog.toString());
                assertTrue(out.contains("is a valid cloud optimized GeoTIFF"), "validator said " + out);
                assertTrue(!out.toLowerCase().contains("warning"), "validator warned " + out);
            }
        } finally {
            for (RasterBand b : opened) {
                b.close();
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + text);
        return text;
    }
}
