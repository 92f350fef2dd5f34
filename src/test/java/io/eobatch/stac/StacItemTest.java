package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.eobatch.raster.Footprints;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import org.junit.jupiter.api.Test;

/** Item parsing against the unmodified Earth Search v1 item S2A_29RKH_20200219_0_L2A, and the BOA offset rule. */
class StacItemTest {

    static final URI BASE = URI.create("file:/tmp/stac/item.json");

    @Test
    void parsesTheRealEarthSearchItem() {
        Path file = TestData.earthSearchItem();
        StacItem item = StacItem.fromJson(TestData.readJson(file), file.toUri());
        assertEquals("S2A_29RKH_20200219_0_L2A", item.id());
        assertEquals("sentinel-2-l2a", item.collection());
        assertEquals(Instant.parse("2020-02-19T11:34:25.405Z"), item.datetime());
        assertEquals(4.051854, item.cloudCover());
        assertEquals(32629, item.epsg());
        assertEquals("02.14", item.processingBaseline());
        assertFalse(item.boaOffsetApplied());
        assertEquals(0, item.boaOffsetDn(), "baseline 02.14 predates the offset");
        assertEquals("29RKH", item.mgrsTile());
        assertEquals(35, item.assets().size());
        assertEquals(List.of("aot", "blue", "coastal", "granule_metadata", "green", "nir"),
                List.copyOf(item.assets().keySet()).subList(0, 6));

        StacAsset red = item.requireAsset("red");
        assertTrue(red.href().isAbsolute());
        assertEquals("https", red.href().getScheme());
        assertTrue(red.href().getPath().endsWith("/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/B04.tif"), red.href().toString());
        assertArrayEquals(new int[] {10980, 10980}, red.projShape());
        assertArrayEquals(new double[] {10, 0, 199980, 0, -10, 2800020}, red.projTransform());
        assertEquals(0.0, red.nodata());
        assertEquals(0.0001, red.scale());
        assertEquals(0.0, red.offset());
        StacAsset scl = item.requireAsset("scl");
        assertEquals(5490, scl.width());
        assertTrue(item.requireAsset("visual").hasRole("visual"));
        assertEquals("image/jp2", item.requireAsset("red-jp2").type());

        StacException missing = assertThrows(StacException.class, () -> item.requireAsset("swir09"));
        assertEquals("assets.swir09", missing.field());
        assertTrue(missing.getMessage().contains(file.toUri().toString()), missing.getMessage());

        // opened as a catalog, the lone item is found and its collection listed
        StacCatalog c = StacCatalogs.open(file);
        assertEquals(List.of("sentinel-2-l2a"), c.collections());
        assertEquals(1, c.search(SearchRequest.builder().bbox(-11.5, 24.5, -11.4, 24.6).build()).count());
        assertEquals(0, c.search(SearchRequest.builder().maxCloudCover(4.0).build()).count());
    }

    static StacItem item(String baseline, Boolean applied) {
        JsonObjectBuilder props = Json.createObjectBuilder().add("datetime", "2024-05-01T10:00:00Z");
        if (baseline != null) {
            props.add("s2:processing_baseline", baseline);
        }
        if (applied != null) {
            props.add("earthsearch:boa_offset_applied", applied);
        }
        JsonObject json = Json.createObjectBuilder().add("type", "Feature").add("id", "x").add("properties", props)
                .add("assets", Json.createObjectBuilder()).build();
        return StacItem.fromJson(json, BASE);
    }

    @Test
    void boaOffsetDependsOnBaselineNumericallyAndOnWhetherItWasApplied() {
        assertEquals(0, item("02.14", false).boaOffsetDn());
        assertEquals(0, item("03.99", null).boaOffsetDn());
        assertEquals(-1000, item("04.00", false).boaOffsetDn());
        assertEquals(-1000, item("04.00", null).boaOffsetDn(), "absent = not applied");
        assertEquals(-1000, item("05.09", false).boaOffsetDn());
        assertEquals(-1000, item("10.01", false).boaOffsetDn(), "10 > 4 numerically");
        assertEquals(-1000, item("4.0", false).boaOffsetDn());
        assertEquals(0, item("05.09", true).boaOffsetDn());
        assertEquals(0, item(null, false).boaOffsetDn(), "no baseline: not Sentinel-2 L2A");
        StacException e = assertThrows(StacException.class, () -> item("N05.09", false));
        assertEquals("properties.s2:processing_baseline", e.field());
    }

    @Test
    void projCodeAndMgrsFieldsAndStartDatetimeAndRelativeHrefs() {
        JsonObject json = Json.createObjectBuilder().add("type", "Feature").add("id", "y")
                .add("bbox", Json.createArrayBuilder().add(1).add(2).add(0).add(3).add(4).add(100))
                .add("geometry", Json.createObjectBuilder()
                        .add("type", "MultiPolygon").add("coordinates", Json.createArrayBuilder().add(
                                Json.createArrayBuilder().add(Json.createArrayBuilder()
                                        .add(Json.createArrayBuilder().add(1).add(2))
                                        .add(Json.createArrayBuilder().add(3).add(2))
                                        .add(Json.createArrayBuilder().add(3).add(4))
                                        .add(Json.createArrayBuilder().add(1).add(2))))))
                .add("properties", Json.createObjectBuilder().addNull("datetime")
                        .add("start_datetime", "2024-05-01T10:00:00+02:00").add("end_datetime", "2024-05-02T00:00:00Z")
                        .add("proj:code", "EPSG:32633").add("mgrs:utm_zone", 3).add("mgrs:latitude_band", "T")
                        .add("mgrs:grid_square", "WL"))
                .add("assets", Json.createObjectBuilder().add("b", Json.createObjectBuilder().add("href", "../data/b.tif")
                        .add("nodata", "nan")))
                .build();
        StacItem item = StacItem.fromJson(json, BASE);
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), item.datetime());
        assertEquals(32633, item.epsg());
        assertEquals("03TWL", item.mgrsTile());
        assertArrayEquals(new double[] {1, 2, 3, 4}, item.bbox());
        assertEquals("MultiPolygon", item.geometry().getGeometryType());
        assertEquals(URI.create("file:/tmp/data/b.tif"), item.requireAsset("b").href());
        assertTrue(item.requireAsset("b").nodata().isNaN());
        assertNull(item.cloudCover());
        assertNull(item.processingBaseline());
        assertNull(item.requireAsset("b").projShape());
    }

    @Test
    void theFootprintIsTheGeometryElseTheBboxElseNoneAndNoFootprintNeverMatches() {
        double[] across = {170, -10, -170, 10};
        Geometry square = new GeometryFactory().toGeometry(new Envelope(16, 17, 45, 46));
        assertSame(square, withFootprint(across, square).footprint());
        assertEquals(Footprints.ofBbox(across), withFootprint(across, null).footprint());
        assertNull(withFootprint(null, null).footprint());
        PreparedGeometry aoi = PreparedGeometryFactory.prepare(square);
        assertTrue(StaticStacCatalog.intersects(aoi, square, withFootprint(null, square).footprint()));
        assertFalse(StaticStacCatalog.intersects(aoi, square, withFootprint(null, null).footprint()));
        assertFalse(StaticStacCatalog.intersects(aoi, square, new GeometryFactory().createPolygon()));
    }

    private static StacItem withFootprint(double[] bbox, Geometry geometry) {
        return new StacItem("i", "c", Instant.EPOCH, null, null, null, false, null, bbox, geometry, null, null, BASE);
    }
}
