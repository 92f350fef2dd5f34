package io.eobatch.aoi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.aoi.AoiRejectedException.Kind;
import io.eobatch.testsupport.TestData;
import io.eobatch.testsupport.TestGeoPackages;
import io.eobatch.testsupport.TestGeoPackages.Row;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;

class GeoPackageAoiReaderTest {

    @TempDir
    Path tmp;

    @Test
    void theSharedSampleGivesTheSameAoisAsItsGeoJsonTwin() throws Exception {
        byte[] body = Files.readAllBytes(TestData.aoiFile("aoi-29RKH.gpkg"));
        List<ParsedAoi> fromGpkg = GeoPackageAoiReader.read(body, null, TestData.CREATED);
        List<ParsedAoi> fromJson = GeoJsonAoiReader.read(TestData.aoiBytes("aoi-29RKH.geojson"), TestData.CREATED);
        assertEquals(List.of("aoi-1", "aoi-2"), fromGpkg.stream().map(a -> a.aoi().id()).toList());
        assertEquals(List.of("aois[fid=1]", "aois[fid=2]"), fromGpkg.stream().map(ParsedAoi::field).toList());
        for (int i = 0; i < 2; i++) {
            Aoi g = fromGpkg.get(i).aoi();
            Aoi j = fromJson.get(i).aoi();
            assertEquals(j.name(), g.name());
            assertTrue(j.geometry().equalsExact(g.geometry(), 1e-12), g.id() + ": " + g.geometry());
        }
        assertEquals(2, GeoPackageAoiReader.read(body, "aois", TestData.CREATED).size());
    }

    @Test
    void anUnknownLayerIsRefusedNamingTheLayers() throws Exception {
        byte[] body = Files.readAllBytes(TestData.aoiFile("aoi-29RKH.gpkg"));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(body, "roads", TestData.CREATED));
        assertEquals("layer", e.field());
        assertTrue(e.getMessage().contains("'roads'") && e.getMessage().contains("[aois]"), e.getMessage());
    }

    @Test
    void notAGeoPackage() {
        AoiRejectedException e = assertThrows(AoiRejectedException.class, () -> GeoPackageAoiReader.read(
                "{\"type\":\"FeatureCollection\"}".getBytes(StandardCharsets.UTF_8), null, TestData.CREATED));
        assertEquals("body", e.field());
        assertTrue(e.getMessage().contains("SQLite 3 header"), e.getMessage());
        byte[] truncated = new byte[4096];
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, truncated, 0, 16);
        e = assertThrows(AoiRejectedException.class, () -> GeoPackageAoiReader.read(truncated, null,
                TestData.CREATED));
        assertEquals(Kind.INVALID, e.kind());
        assertEquals("body", e.field());
    }

    /**
     * aoi-2 of aoi-29RKH.geojson in UTM 29N; the corners from
     * {@code printf -- "-10.98 25.13\n-10.90 25.13\n-10.90 25.21\n-10.98 25.21\n" |
     * gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32629 -output_xy} (GDAL 3.6.2).
     */
    static final double[][] AOI_2_UTM29N = {
        {300383.937876511, 2780807.72696398}, {308451.176809967, 2780691.68165454},
        {308576.2045637, 2789553.30172384}, {300514.238080252, 2789669.61627547},
        {300383.937876511, 2780807.72696398}};

    @Test
    void aLayerInUtmIsReprojectedToLonLat() throws Exception {
        Path file = geoPackage(32629, List.of(new Row(7, "aoi-2", "square over clouds", polygon(AOI_2_UTM29N))));
        List<ParsedAoi> aois = GeoPackageAoiReader.read(Files.readAllBytes(file), null, TestData.CREATED);
        Aoi aoi = aois.get(0).aoi();
        assertEquals("aoi-2", aoi.id());
        Geometry expected = GeoJsonAoiReader.read(TestData.aoiBytes("aoi-29RKH.geojson"), TestData.CREATED).get(1)
                .aoi().geometry();
        // proj4j and PROJ agree to well under a millimetre; 1e-8 degree is about 1 mm
        assertTrue(expected.equalsExact(aoi.geometry(), 1e-8), aoi.geometry().toText());
    }

    @Test
    void anotherGeographicCrsIsReprojectedToo() throws Exception {
        // ETRS89 (EPSG:4258) coincides with WGS 84 to well under a metre in proj4j's definition (towgs84=0)
        Path file = geoPackage(4258, List.of(new Row(1, "etrs", null, square(16, 46))));
        Aoi aoi = GeoPackageAoiReader.read(file, null, TestData.CREATED).get(0).aoi();
        Geometry expected = AoiGeometries.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(16, 16.1, 46, 46.1));
        assertTrue(aoi.geometry().norm().equalsExact(expected.norm(), 1e-9),
                aoi.geometry().toText());
    }

    @Test
    void anEmptyGeometryIsRefused() throws Exception {
        Path file = geoPackage(4326, List.of(new Row(1, "ok", null, square(16, 46)),
                new Row(2, "empty", null, new Polygon())));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertEquals("layer[fid=2]", e.field());
        assertTrue(e.getMessage().contains("AOI 'empty'") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void theFidIsTheIdWithoutAnIdColumnAndTheNameDefaultsToTheId() throws Exception {
        Path file = geoPackage(4326, List.of(new Row(12, null, null, square(16, 46))), false);
        Aoi aoi = GeoPackageAoiReader.read(file, null, TestData.CREATED).get(0).aoi();
        assertEquals("12", aoi.id());
        assertEquals("12", aoi.name());
    }

    @Test
    void anUnclosedRingIsRefusedNotSilentlyClosed() throws Exception {
        double[][] open = {{16, 46}, {16.1, 46}, {16.1, 46.1}, {16, 46.1}, {16, 46.05}};
        Path file = geoPackage(4326, List.of(new Row(1, "good", null, square(16, 46)),
                new Row(2, "open", null, polygon(open))));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertEquals("layer[fid=2]", e.field());
        assertTrue(e.getMessage().contains("AOI 'open'") && e.getMessage().contains("not closed"), e.getMessage());
        assertEquals(Map.of("layer", "layer", "fid", 2L), e.facts());
    }

    @Test
    void nanOutOfRangeAndSelfIntersectionAreRefusedAndAllListed() throws Exception {
        double[][] nan = {{16, 46}, {Double.NaN, 46}, {16.1, 46.1}, {16, 46}};
        double[][] north = {{16, 46}, {16.1, 46}, {16.1, 91}, {16, 46}};
        double[][] bowtie = {{16, 46}, {16.1, 46.1}, {16.1, 46}, {16, 46.1}, {16, 46}};
        Path file = geoPackage(4326, List.of(new Row(1, "nan", null, polygon(nan)),
                new Row(2, "north", null, polygon(north)), new Row(3, "bowtie", null, polygon(bowtie))));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertEquals("layer[fid=1]", e.field());
        assertTrue(e.getMessage().contains("coordinates[0][1]: the coordinates are not finite"), e.getMessage());
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) e.facts().get("errors");
        assertTrue(errors.get(1).get("detail").contains("latitude 91.0 is outside"), errors.toString());
        assertTrue(errors.get(2).get("detail").contains("Self-intersection at [16.05, 46.05]"), errors.toString());
    }

    @Test
    void pointsAreRefused() throws Exception {
        Path file = geoPackage(4326, List.of(new Row(1, "p", null, new Point(16, 46))));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertTrue(e.getMessage().contains("a POINT is not accepted"), e.getMessage());
    }

    @Test
    void duplicateIdsAreAConflict() throws Exception {
        Path file = geoPackage(4326, List.of(new Row(1, "x", null, square(16, 46)),
                new Row(2, "x", null, square(17, 46))));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertEquals(Kind.CONFLICT, e.kind());
        assertEquals("layer[fid=2]", e.field());
    }

    @Test
    void aLayerInANonEpsgSrsIsRefused() throws Exception {
        Path file = geoPackage(-1, List.of(new Row(1, "x", null, square(16, 46))));
        AoiRejectedException e = assertThrows(AoiRejectedException.class,
                () -> GeoPackageAoiReader.read(file, null, TestData.CREATED));
        assertEquals("layer", e.field());
        assertTrue(e.getMessage().contains("not an EPSG CRS"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    static Polygon polygon(double[][] ring) {
        return TestGeoPackages.polygon(ring);
    }

    static Polygon square(double x, double y) {
        return polygon(new double[][] {{x, y}, {x + 0.1, y}, {x + 0.1, y + 0.1}, {x, y + 0.1}, {x, y}});
    }

    Path geoPackage(long epsg, List<Row> rows) throws Exception {
        return geoPackage(epsg, rows, true);
    }

    /** A GeoPackage with one feature table {@code layer} in EPSG {@code epsg} (-1: undefined Cartesian). */
    Path geoPackage(long epsg, List<Row> rows, boolean withIdColumn) throws Exception {
        return TestGeoPackages.write(tmp.resolve("test-" + System.nanoTime() + ".gpkg"), epsg, rows, withIdColumn);
    }

    static Coordinate c(double x, double y) {
        return new Coordinate(x, y);
    }
}
