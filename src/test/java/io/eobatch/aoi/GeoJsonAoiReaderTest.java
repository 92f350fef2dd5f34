package io.eobatch.aoi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import io.eobatch.aoi.AoiRejectedException.Kind;
import io.eobatch.testsupport.TestData;

/** One test per kind of refused input, then the good cases. Inputs are GeoJSON texts, one per case. */
class GeoJsonAoiReaderTest {

    static final String SQUARE = "[[[16.0,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1],[16.0,46.0]]]";

    static List<ParsedAoi> read(String json) {
        return GeoJsonAoiReader.read(json.getBytes(StandardCharsets.UTF_8), TestData.CREATED);
    }

    static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    static String polygon(String coordinates) {
        return "{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String good(String id) {
        return feature("{\"id\":\"" + id + "\"}", polygon(SQUARE));
    }

    /** Reads {@code json}, expects a refusal of {@code kind} on {@code field}, returns it for more checks. */
    static AoiRejectedException refused(Kind kind, String field, String json, String... detailParts) {
        AoiRejectedException e = assertThrows(AoiRejectedException.class, () -> read(json));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        for (String part : detailParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------------ refused

    @Test
    void invalidJson() {
        refused(Kind.INVALID, "body", "{\"type\":\"FeatureCollection\",", "not valid JSON", "line 1");
        refused(Kind.INVALID, "body", "", "not valid JSON");
    }

    @Test
    void nanIsNotJsonAndAnInfiniteNumberIsNotFinite() {
        refused(Kind.INVALID, "body", feature("{}", polygon("[[[NaN,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.0]]]")),
                "not valid JSON");
        refused(Kind.INVALID, "feature", feature("{\"id\":\"x\"}",
                polygon("[[[1e999,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1],[1e999,46.0]]]")),
                "geometry.coordinates[0][0]", "not finite");
    }

    @Test
    void notAFeatureOrFeatureCollection() {
        refused(Kind.INVALID, "body", "[1,2]", "a JSON array, not a GeoJSON Feature");
        refused(Kind.INVALID, "body", "{\"type\":\"Topology\"}", "type 'Topology'");
        refused(Kind.INVALID, "body", "{\"features\":[]}", "no string \"type\"");
        refused(Kind.INVALID, "features", "{\"type\":\"FeatureCollection\",\"features\":{}}", "\"features\" array");
        refused(Kind.INVALID, "features[1]", collection(good("a"), "{\"type\":\"Polygon\"}"),
                "not a GeoJSON Feature", "'Polygon'");
        refused(Kind.INVALID, "features[0]", collection("42"), "not a GeoJSON Feature but a JSON number");
    }

    @Test
    void geometryMissingOrNull() {
        refused(Kind.INVALID, "features[1]", collection(good("a"), "{\"type\":\"Feature\",\"properties\":{"
                + "\"id\":\"b\"}}"), "AOI 'b'", "no geometry (missing)");
        refused(Kind.INVALID, "feature", feature("{\"id\":\"b\"}", "null"), "no geometry (null)");
        refused(Kind.INVALID, "feature", feature("{\"id\":\"b\"}", "[1]"), "geometry must be an object");
    }

    @Test
    void otherGeometryTypes() {
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"Point\",\"coordinates\":[16,46]}"),
                "a Point is not an area");
        refused(Kind.INVALID, "feature", feature("{}",
                "{\"type\":\"LineString\",\"coordinates\":[[16,46],[17,46]]}"), "a LineString is not an area");
        refused(Kind.INVALID, "feature", feature("{}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[]}"), "a GeometryCollection is not an area");
        refused(Kind.INVALID, "geometry", "{\"type\":\"MultiPoint\",\"coordinates\":[[16,46]]}",
                "a MultiPoint is not an area");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"Circle\",\"coordinates\":[]}"),
                "'Circle' is not a GeoJSON geometry type");
    }

    @Test
    void unclosedRing() {
        refused(Kind.INVALID, "features[0]", collection(feature("{\"id\":\"open\"}",
                polygon("[[[16.0,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1],[16.0,46.05]]]"))),
                "AOI 'open'", "geometry.coordinates[0]: the ring is not closed", "[16.0, 46.05]", "[16.0, 46.0]");
    }

    @Test
    void ringWithFewerThanFourPositions() {
        refused(Kind.INVALID, "feature", feature("{\"id\":\"tri\"}",
                polygon("[[[16.0,46.0],[16.1,46.0],[16.0,46.0]]]")), "coordinates[0]: the ring has 3 positions");
        // in a hole of the second polygon of a MultiPolygon: the path says where
        refused(Kind.INVALID, "feature", feature("{\"id\":\"m\"}", "{\"type\":\"MultiPolygon\",\"coordinates\":["
                + SQUARE.replace("16.", "17.") + ",[[[16.0,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1],[16.0,46.0]],"
                + "[[16.01,46.01],[16.02,46.01],[16.01,46.01]]]]}"), "geometry.coordinates[1][1]: the ring has 3");
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[16.0,46.0],[16.1],[16.1,46.1],[16.0,46.0]]]")),
                "coordinates[0][1]: a position needs at least 2 numbers");
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[16.0,46.0],[16.1,\"46\"],[16.1,46.1],"
                + "[16.0,46.0]]]")), "coordinates[0][1][1]: not a number");
    }

    @Test
    void selfIntersectingPolygonGivesTheReasonAndLocation() {
        // a bow tie: the edges cross at (16.05, 46.05)
        refused(Kind.INVALID, "features[0]", collection(feature("{\"id\":\"bowtie\"}",
                polygon("[[[16.0,46.0],[16.1,46.1],[16.1,46.0],[16.0,46.1],[16.0,46.0]]]"))),
                "AOI 'bowtie'", "Self-intersection", "[16.05, 46.05]");
    }

    @Test
    void holeOutsideItsShellAndOverlappingParts() {
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[16.0,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1],"
                + "[16.0,46.0]],[[17.0,46.0],[17.1,46.0],[17.1,46.1],[17.0,46.0]]]")), "Hole lies outside shell");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + ","
                + SQUARE.replace("16.0,", "16.05,") + "]}"), "invalid MultiPolygon");
    }

    @Test
    void outOfRangeCoordinates() {
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[181.0,46.0],[16.1,46.0],[16.1,46.1],[181.0,46.0]]]")),
                "coordinates[0][0]", "longitude 181.0 is outside [-180, 180]");
        // latitude first, a classic: 46 as longitude is fine, 96 as latitude is not
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[46.0,16.0],[46.0,96.1],[46.1,16.1],[46.0,16.0]]]")),
                "coordinates[0][1]", "latitude 96.1 is outside [-90, 90]");
    }

    @Test
    void emptyGeometries() {
        refused(Kind.INVALID, "feature", feature("{}", polygon("[]")), "the polygon is empty");
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[]]")), "coordinates[0]: the ring is empty");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}"),
                "the MultiPolygon is empty");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"MultiPolygon\",\"coordinates\":[[]]}"),
                "coordinates[0]: the polygon is empty");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"Polygon\"}"), "coordinates: missing");
    }

    @Test
    void zeroAreaPolygon() {
        refused(Kind.INVALID, "feature", feature("{}", polygon("[[[16.0,46.0],[16.1,46.0],[16.2,46.0],[16.0,46.0]]]")),
                "invalid Polygon");
    }

    @Test
    void emptyFeatureCollection() {
        refused(Kind.INVALID, "features", collection(), "no features");
    }

    @Test
    void idNotAStringOrNumber() {
        refused(Kind.INVALID, "features[0]", collection(feature("{\"id\":{\"a\":1}}", polygon(SQUARE))),
                "properties.id must be a string or a number, not a object");
        refused(Kind.INVALID, "feature", feature("{\"id\":true}", polygon(SQUARE)), "not a true");
        refused(Kind.INVALID, "feature", "{\"type\":\"Feature\",\"id\":[1],\"properties\":null,\"geometry\":"
                + polygon(SQUARE) + "}", "id must be a string or a number");
    }

    @Test
    void idTooLongOrWithBadCharacters() {
        refused(Kind.INVALID, "feature", feature("{\"id\":\"" + "a".repeat(129) + "\"}", polygon(SQUARE)),
                "longer than 128");
        for (String bad : List.of("a/b", "../etc", ".hidden", "-rf", "a b", "é", "a%2F", "")) {
            refused(Kind.INVALID, "feature", feature("{\"id\":\"" + bad + "\"}", polygon(SQUARE)), "properties.id");
        }
        refused(Kind.INVALID, "feature", feature("{\"id\":-3}", polygon(SQUARE)), "'-3'");
    }

    @Test
    void nameNotAScalarOrTooLong() {
        refused(Kind.INVALID, "feature", feature("{\"name\":[1]}", polygon(SQUARE)), "properties.name must be");
        refused(Kind.INVALID, "feature", feature("{\"name\":\"" + "n".repeat(513) + "\"}", polygon(SQUARE)),
                "longer than 512");
        refused(Kind.INVALID, "feature", "{\"type\":\"Feature\",\"properties\":[1],\"geometry\":" + polygon(SQUARE)
                + "}", "properties must be an object");
    }

    @Test
    void sameIdTwiceInTheUploadIsAConflict() {
        AoiRejectedException e = refused(Kind.CONFLICT, "features[2]", collection(good("a"), good("b"), good("a")),
                "'a'", "features[0]", "features[2]");
        assertEquals("a", e.facts().get("id"));
        // numbers and strings with the same text are the same id
        refused(Kind.CONFLICT, "features[1]", collection(good("7"), feature("{\"id\":7}", polygon(SQUARE))));
    }

    @Test
    void crsOtherThanLonLatIsRefused() {
        String mercator = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}}";
        refused(Kind.INVALID, "crs", "{\"type\":\"FeatureCollection\"," + mercator + ",\"features\":[" + good("a")
                + "]}", "EPSG::3857", "not supported");
        refused(Kind.INVALID, "features[1]", collection(good("a"), "{\"type\":\"Feature\"," + mercator + ",\"properties\":{},\"geometry\":"
                + polygon(SQUARE) + "}"), "EPSG::3857");
        refused(Kind.INVALID, "feature", feature("{}", "{\"type\":\"Polygon\"," + mercator + ",\"coordinates\":"
                + SQUARE + "}"), "geometry.crs");
        refused(Kind.INVALID, "crs", "{\"type\":\"Feature\",\"crs\":{\"type\":\"link\",\"properties\":{\"href\":"
                + "\"x.prj\"}},\"properties\":{},\"geometry\":" + polygon(SQUARE) + "}", "not supported");
    }

    @Test
    void moreThanTenThousandFeaturesIsTooLarge() {
        String[] features = new String[AoiLimits.DEFAULTS.maxFeatures() + 1];
        java.util.Arrays.fill(features, feature("{}", polygon(SQUARE)));
        refused(Kind.TOO_LARGE, "features", collection(features), "10001 features", "at most 10000");
    }

    @Test
    void aGeometryOverOneMebibyteIsTooLarge() {
        // a circle of 60 000 positions: about 2.4 MB of GeoJSON
        int n = 60_000;
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            ring.append(i == 0 ? "" : ",").append('[').append(16 + 0.1 * Math.cos(a)).append(',')
                    .append(46 + 0.1 * Math.sin(a)).append(']');
        }
        ring.append("]]");
        refused(Kind.TOO_LARGE, "features[1]", collection(good("small"), feature("{\"id\":\"big\"}",
                polygon(ring.toString()))), "AOI 'big'", "characters of GeoJSON", "at most 1048576");
    }

    @Test
    void everyProblemIsListedAndTheFirstOneAnswers() {
        AoiRejectedException e = refused(Kind.INVALID, "features[1]", collection(good("ok"),
                feature("{\"id\":\"no-geometry\"}", "null"), good("also-ok"),
                feature("{\"id\":\"a/b\"}", polygon(SQUARE))), "no-geometry");
        assertEquals(1, e.facts().get("feature"));
        assertEquals("no-geometry", e.facts().get("id"));
        assertEquals(2, e.facts().get("errorCount"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) e.facts().get("errors");
        assertEquals("features[3]", errors.get(1).get("field"));
    }

    // --------------------------------------------------------------------------------------------------- good

    @Test
    void dravaSampleHasTwoPolygonsTheSecondWithAHole() {
        List<ParsedAoi> aois = GeoJsonAoiReader.read(TestData.aoiBytes("aoi-drava.geojson"), TestData.CREATED);
        assertEquals(List.of("drava-a", "drava-b"), aois.stream().map(a -> a.aoi().id()).toList());
        assertEquals(List.of("features[0]", "features[1]"), aois.stream().map(ParsedAoi::field).toList());
        Aoi b = aois.get(1).aoi();
        assertEquals("small polygon with hole", b.name());
        assertEquals(TestData.CREATED, b.created());
        Polygon p = (Polygon) b.geometry();
        assertEquals(1, p.getNumInteriorRing());
        assertEquals(new Envelope(15.95, 16.02, 45.85, 45.90), b.bbox());
        assertEquals(6, aois.get(0).aoi().geometry().getNumPoints());
        assertEquals(4326, b.geometry().getSRID());
    }

    @Test
    void twentyNineRkhSampleReadsToo() {
        List<ParsedAoi> aois = GeoJsonAoiReader.read(TestData.aoiBytes("aoi-29RKH.geojson"), TestData.CREATED);
        assertEquals(List.of("aoi-1", "aoi-2"), aois.stream().map(a -> a.aoi().id()).toList());
        assertEquals(1, ((Polygon) aois.get(0).aoi().geometry()).getNumInteriorRing());
        assertEquals(new Envelope(-10.98, -10.90, 25.13, 25.21), aois.get(1).aoi().bbox());
    }

    @Test
    void multiPolygonWithAHoleAcrossTheAntiMeridian() {
        List<ParsedAoi> aois = read(feature("{\"id\":\"fiji\",\"name\":\"two parts\"}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":["
                        + "[[[179.5,-17.0],[180.0,-17.0],[180.0,-16.5],[179.5,-16.5],[179.5,-17.0]],"
                        + "[[179.6,-16.9],[179.7,-16.9],[179.7,-16.8],[179.6,-16.8],[179.6,-16.9]]],"
                        + "[[[-180.0,-17.0],[-179.5,-17.0],[-179.5,-16.5],[-180.0,-16.5],[-180.0,-17.0]]]]}"));
        Aoi fiji = aois.get(0).aoi();
        assertTrue(fiji.geometry() instanceof MultiPolygon);
        assertEquals(2, fiji.geometry().getNumGeometries());
        assertEquals("feature", aois.get(0).field());
        assertEquals("two parts", fiji.name());
    }

    @Test
    void idsAreGeneratedNumbersAcceptedAndTheFeatureIdMemberUsed() {
        List<ParsedAoi> aois = read(collection(feature("{}", polygon(SQUARE)), feature("{\"id\":17,\"name\":3}",
                polygon(SQUARE)), "{\"type\":\"Feature\",\"id\":\"top-level\",\"properties\":null,\"geometry\":"
                + polygon(SQUARE) + "}", feature("{\"id\":\"Sentinel_2.tile-33TWM\"}", polygon(SQUARE))));
        Aoi generated = aois.get(0).aoi();
        assertTrue(generated.id().matches("aoi-[0-9a-f]{12}"), generated.id());
        assertEquals(generated.id(), generated.name());
        assertEquals("17", aois.get(1).aoi().id());
        assertEquals("3", aois.get(1).aoi().name());
        assertEquals("top-level", aois.get(2).aoi().id());
        assertEquals("Sentinel_2.tile-33TWM", aois.get(3).aoi().id());
        assertNotEquals(generated.id(), read(feature("{}", polygon(SQUARE))).get(0).aoi().id());
    }

    @Test
    void bareGeometryLonLatCrsAndThirdCoordinates() {
        Aoi bare = read(polygon(SQUARE)).get(0).aoi();
        assertTrue(bare.id().startsWith("aoi-"));
        Aoi withCrs = read("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[" + feature("{\"id\":\"z\"}",
                polygon("[[[16.0,46.0,100],[16.1,46.0,110],[16.1,46.1,120],[16.0,46.0,100]]]")) + "]}").get(0).aoi();
        assertEquals(4, withCrs.geometry().getNumPoints());
        assertTrue(Double.isNaN(withCrs.geometry().getCoordinate().getZ()), "Z is dropped");
    }

    @Test
    void storedGeoJsonRoundTripsExactly() {
        for (Aoi aoi : TestData.allSampleAois()) {
            String text = AoiGeometries.toGeoJson(aoi.geometry());
            assertTrue(aoi.geometry().equalsExact(AoiGeometries.fromStoredGeoJson(text)), text);
        }
        String multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + "," + SQUARE.replace("16.", "17.")
                + "]}";
        Aoi m = read(multi).get(0).aoi();
        assertEquals(multi.replace("16.0,", "16.0,").replaceAll("\\s", ""), AoiGeometries.toGeoJson(m.geometry()));
    }

    @Test
    void theAoiRecordIsImmutableAndChecksItsInvariants() {
        Aoi a = read(good("x")).get(0).aoi();
        a.geometry().getCoordinates()[0].x = 0; // a copy
        assertEquals(16.0, a.geometry().getCoordinates()[0].x);
        assertThrows(IllegalArgumentException.class, () -> new Aoi("../x", null, a.geometry(), TestData.CREATED));
        assertThrows(IllegalArgumentException.class, () -> new Aoi("p", null,
                AoiGeometries.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(1, 2)), TestData.CREATED));
        assertThrows(IllegalArgumentException.class, () -> new Aoi("e", null,
                AoiGeometries.FACTORY.createPolygon(), TestData.CREATED));
        assertEquals("x", new Aoi("x", null, a.geometry(), TestData.CREATED).name());
        assertFalse(Aoi.isValidId(".."));
    }
}
