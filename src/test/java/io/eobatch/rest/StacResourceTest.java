package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.eobatch.results.ResultsStac;

class StacResourceTest {

    private static String feature(String id, String name) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}";
    }

    private static Map<String, ResultsStac.AoiInfo> read(String geojson, Set<String> ids) {
        Map<String, ResultsStac.AoiInfo> out = new TreeMap<>();
        StacResource.recordedAois(new StringReader(geojson), ids, out);
        return out;
    }

    @Test
    void readsOnlyTheWantedAois() {
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("a", "A") + "," + feature("b", "B")
                + "," + feature("c", "C") + "]}";
        Map<String, ResultsStac.AoiInfo> out = read(file, Set.of("a", "c", "missing"));
        assertEquals(Set.of("a", "c"), out.keySet());
        assertEquals("C", out.get("c").name());
        assertEquals(4, out.get("a").geometry().getCoordinates().length - 1); // a closed ring of 4 corners
    }

    @Test
    void stopsOnceEveryWantedAoiIsFound() {
        // what follows the wanted AOIs is not JSON: a read of the whole file would fail
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("a", "A") + "," + feature("b", "B")
                + ", not json at all";
        assertEquals(Set.of("a", "b"), read(file, Set.of("a", "b")).keySet());
        assertThrows(RuntimeException.class, () -> read(file, Set.of("a", "b", "c")));
    }

    /**
     * A feature whose top-level id (AoiJson writes it before the properties and the geometry) is not wanted is
     * skipped unread: here its geometry is not GeoJSON, which reading it would refuse.
     */
    @Test
    void skipsTheFeaturesNotWantedWithoutReadingThem() {
        String unreadable = "{\"type\":\"Feature\",\"id\":\"b\",\"bbox\":[0,0,1,1],\"properties\":{\"id\":\"b\"},"
                + "\"geometry\":{\"type\":\"Nonsense\",\"coordinates\":[[1]]}}";
        String wanted = "{\"type\":\"Feature\",\"id\":\"c\",\"bbox\":[0,0,1,1],\"properties\":{\"id\":\"c\","
                + "\"name\":\"C\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}";
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + unreadable + "," + wanted + "]}";
        Map<String, ResultsStac.AoiInfo> out = read(file, Set.of("c"));
        assertEquals(Set.of("c"), out.keySet());
        assertEquals("C", out.get("c").name());
        assertThrows(RuntimeException.class, () -> read(file, Set.of("b", "c")), "b read: its geometry is refused");
    }

    @Test
    void readsNothingForNoAoi() {
        assertEquals(Map.of(), read("not json", Set.of()));
    }
}
