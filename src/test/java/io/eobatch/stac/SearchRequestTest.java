package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class SearchRequestTest {

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void bboxBodyWithOpenIntervalAndDefaults() {
        SearchRequest r = SearchRequest.builder().bbox(15.9, 45.85, 16.1, 46.0)
                .datetime(Instant.parse("2023-08-10T00:00:00Z"), null).build();
        assertEquals("2023-08-10T00:00:00Z/..", r.datetimeInterval());
        assertEquals(json("{\"bbox\":[15.9,45.85,16.1,46.0],\"datetime\":\"2023-08-10T00:00:00Z/..\",\"limit\":100}"),
                r.toJson());
        assertEquals(json("{\"limit\":100}"), SearchRequest.builder().build().toJson());
        assertNull(SearchRequest.builder().build().datetimeInterval());
        assertEquals("../2023-02-28T23:59:59.999999Z",
                SearchRequest.builder().datetime(null, LocalDate.of(2023, 2, 28)).build().datetimeInterval());
        assertEquals("2024-02-01T00:00:00Z/2024-02-29T23:59:59.999999Z",
                SearchRequest.builder().month(YearMonth.of(2024, 2)).build().datetimeInterval());
    }

    @Test
    void inclusiveEnds() {
        SearchRequest r = SearchRequest.builder().datetime(LocalDate.of(2023, 8, 13), LocalDate.of(2023, 8, 13)).build();
        assertTrue(r.matchesDatetime(Instant.parse("2023-08-13T00:00:00Z")));
        assertTrue(r.matchesDatetime(Instant.parse("2023-08-13T23:59:59.999999Z")));
        assertFalse(r.matchesDatetime(Instant.parse("2023-08-14T00:00:00Z")));
        assertFalse(r.matchesDatetime(Instant.parse("2023-08-12T23:59:59.999999Z")));
    }

    @Test
    void sortKeysAreQualified() {
        assertEquals("properties.datetime", SearchRequest.SortBy.asc("datetime").field());
        assertEquals("properties.eo:cloud_cover", SearchRequest.SortBy.desc("properties.eo:cloud_cover").field());
        assertEquals("id", SearchRequest.SortBy.asc("id").field());
    }

    @Test
    void invalidRequestsAreRejected() throws ParseException {
        Geometry aoi = new WKTReader(GeoJson.WGS84).read("POLYGON ((16 45, 16.1 45, 16.1 45.1, 16 45))");
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder().intersects(aoi).bbox(1, 2, 3, 4).build());
        Geometry utm = new WKTReader().read("POLYGON ((560000 5070000, 600000 5070000, 600000 5100000, 560000 5070000))");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchRequest.builder().intersects(utm).build());
        assertTrue(e.getMessage().contains("EPSG:4326"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder().bbox(1, 5, 3, 4).build());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder().maxCloudCover(101.0).build());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder().limit(0).build());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder()
                .datetime(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 8, 1)).build());
    }

    @Test
    void geoJsonRoundTripKeepsHoles() throws ParseException {
        WKTReader wkt = new WKTReader(GeoJson.WGS84);
        for (String s : new String[] {
                "POLYGON ((15.95 45.85, 16.02 45.85, 16.02 45.9, 15.95 45.9, 15.95 45.85), "
                        + "(15.97 45.86, 16 45.86, 16 45.88, 15.97 45.88, 15.97 45.86))",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))",
                "POINT (16 46)", "LINESTRING (0 0, 1 1)", "MULTIPOINT ((0 0), (1 1))",
                "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))"}) {
            Geometry g = wkt.read(s);
            assertTrue(g.equalsExact(GeoJson.read(GeoJson.write(g))), s);
        }
    }
}
