package io.eobatch.raster.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Inflater;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;

/** The Zarr array over tiles: extent, chunk keys, metadata and chunk bytes (zlib, little-endian float32). */
class ZarrTileArrayTest {

    private static final TilingGrid GRID = new TilingGrid(32633, 9600, 30, 0);

    @Test
    void theArraySpansTheTilesAndEachTileIsAChunkFromTheNorthWest() {
        List<Tile> tiles = List.of(GRID.tile(59, 531), GRID.tile(60, 531), GRID.tile(59, 530), GRID.tile(60, 530));
        ZarrTileArray a = ZarrTileArray.of(tiles, "ndvi");
        assertEquals(640, a.area().width());
        assertEquals(640, a.area().height());
        assertEquals(566400.0, a.area().originX());
        assertEquals(5107200.0, a.area().originY());
        assertEquals("composite.zarr/ndvi/0.0", a.chunkPath(GRID.tile(59, 531)));
        assertEquals("composite.zarr/ndvi/0.1", a.chunkPath(GRID.tile(60, 531)));
        assertEquals("composite.zarr/ndvi/1.0", a.chunkPath(GRID.tile(59, 530)));
        assertThrows(IllegalArgumentException.class, () -> a.chunkPath(GRID.tile(61, 530)));
        assertThrows(IllegalArgumentException.class, () -> ZarrTileArray.of(
                List.of(new TilingGrid(32633, 9600, 30, 2).tile(59, 531)), "ndvi"), "a buffer overlaps chunks");
    }

    @Test
    void metadataAndChunksAreZarrV2(@TempDir Path dir) throws Exception {
        Tile t = GRID.tile(59, 531);
        ZarrTileArray a = ZarrTileArray.of(List.of(t, GRID.tile(60, 530)), "ndvi");
        a.writeMetadata(dir, "test");
        JsonObject zarray = read(dir.resolve("composite.zarr/ndvi/.zarray"));
        assertEquals(2, zarray.getInt("zarr_format"));
        assertEquals("[640,640]", zarray.getJsonArray("shape").toString());
        assertEquals("[320,320]", zarray.getJsonArray("chunks").toString());
        assertEquals("<f4", zarray.getString("dtype"));
        assertEquals("NaN", zarray.getString("fill_value"));
        assertEquals("zlib", zarray.getJsonObject("compressor").getString("id"));
        JsonObject attrs = read(dir.resolve("composite.zarr/ndvi/.zattrs"));
        assertEquals("[\"y\",\"x\"]", attrs.getJsonArray("_ARRAY_DIMENSIONS").toString());
        assertTrue(attrs.getJsonObject("_CRS").getString("wkt").endsWith("AUTHORITY[\"EPSG\",\"32633\"]]"));
        assertEquals("566400 30 0 5107200 0 -30",
                read(dir.resolve("composite.zarr/spatial_ref/.zattrs")).getString("GeoTransform"));
        double[] x = doubles(Files.readAllBytes(dir.resolve("composite.zarr/x/0")));
        assertEquals(640, x.length);
        assertEquals(566415.0, x[0]);
        double[] y = doubles(Files.readAllBytes(dir.resolve("composite.zarr/y/0")));
        assertEquals(5107185.0, y[0]);
        assertEquals(5107185.0 - 639 * 30, y[639]);

        float[] values = new float[320 * 320];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7 == 0 ? Float.NaN : i * 0.001f;
        }
        a.writeChunk(dir, t, values);
        byte[] stored = Files.readAllBytes(dir.resolve("composite.zarr/ndvi/0.0"));
        Inflater inf = new Inflater(); // zlib (RFC 1950), not raw deflate
        inf.setInput(stored);
        byte[] raw = new byte[values.length * 4];
        assertEquals(raw.length, inf.inflate(raw));
        assertTrue(inf.finished());
        float[] back = new float[values.length];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(back);
        assertArrayEquals(values, back);
        assertThrows(IllegalArgumentException.class, () -> a.writeChunk(dir, t, new float[10]));
    }

    @Test
    void utmWktNamesTheZoneAndItsEpsgCode() {
        assertTrue(ZarrTileArray.utmWkt(32633).startsWith("PROJCS[\"WGS 84 / UTM zone 33N\""));
        assertTrue(ZarrTileArray.utmWkt(32633).contains("PARAMETER[\"central_meridian\",15]"));
        assertTrue(ZarrTileArray.utmWkt(32701).contains("PARAMETER[\"false_northing\",10000000]"));
        assertThrows(IllegalArgumentException.class, () -> ZarrTileArray.utmWkt(4326));
    }

    private static JsonObject read(Path p) throws Exception {
        try (var r = Json.createReader(new StringReader(Files.readString(p)))) {
            return r.readObject();
        }
    }

    private static double[] doubles(byte[] b) {
        double[] d = new double[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
        return d;
    }
}
