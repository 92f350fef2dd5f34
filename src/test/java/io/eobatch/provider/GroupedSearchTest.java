package io.eobatch.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Grouped searches give each AOI exactly the scenes a search over that AOI alone gives (a brute-force catalog: every
 * footprint the AOI intersects), with one search per cell instead of one per AOI.
 */
class GroupedSearchTest {

    private static final GeometryFactory F = new GeometryFactory();
    private final WKTReader wkt = new WKTReader();

    /** A catalog of footprints searched as a static catalog searches: footprint intersects the search geometry. */
    private static final class Catalog {
        final List<GroupedSearch.Found> scenes = new ArrayList<>();
        int searches;

        List<GroupedSearch.Found> search(Geometry g) {
            searches++;
            var prepared = PreparedGeometryFactory.prepare(g);
            return scenes.stream().filter(f -> prepared.intersects(f.footprint())).toList();
        }

        void add(String id, Geometry footprint) {
            scenes.add(new GroupedSearch.Found(new SceneRef(id, Instant.parse("2023-06-01T10:00:00Z"), 5.0),
                    footprint));
        }
    }

    private static Geometry box(double w, double s, double e, double n) {
        return F.toGeometry(new Envelope(w, e, s, n));
    }

    private static TreeSet<String> ids(List<SceneRef> scenes) {
        TreeSet<String> out = new TreeSet<>();
        scenes.forEach(s -> out.add(s.id()));
        return out;
    }

    @Test
    void manyAoisGetTheScenesOfTheirOwnSearchFromOneSearchPerCell() {
        Catalog catalog = new Catalog();
        Random r = new Random(11);
        // 40 scene footprints of 0.3 degrees scattered over 15.0..17.0 E, 46.0..47.0 N, a few tilted
        for (int i = 0; i < 40; i++) {
            double x = 15 + r.nextDouble() * 1.8;
            double y = 46 + r.nextDouble() * 0.8;
            Geometry g = box(x, y, x + 0.3, y + 0.3);
            if (i % 5 == 0) {
                g = org.locationtech.jts.geom.util.AffineTransformation.rotationInstance(0.3, x, y).transform(g);
            }
            catalog.add("scene-" + i, g);
        }
        List<GroupedSearch.Area> areas = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double x = 15 + r.nextDouble() * 2;
            double y = 46 + r.nextDouble();
            areas.add(new GroupedSearch.Area(String.format("aoi-%04d", i), box(x, y, x + 0.002, y + 0.002)));
        }
        GroupedSearch grouped = new GroupedSearch(0.5, 100, catalog::search);
        Map<String, List<SceneRef>> found = grouped.scenes(areas);

        Catalog alone = new Catalog();
        alone.scenes.addAll(catalog.scenes);
        for (GroupedSearch.Area a : areas) {
            assertEquals(ids(alone.search(a.geometry()).stream().map(GroupedSearch.Found::scene).toList()),
                    ids(found.get(a.id())), a.id());
        }
        // 2 x 4 cells of 0.5 degrees hold the AOIs (a few more where the grid's cells straddle the area's edges)
        assertEquals(catalog.searches, grouped.searches());
        assertEquals(true, grouped.searches() <= 15, "searches: " + grouped.searches());
        assertEquals(List.copyOf(found.keySet()), areas.stream().map(GroupedSearch.Area::id).toList(), "AOI order");
    }

    @Test
    void aSceneWithoutFootprintMeetsNoAoiOfACell() {
        List<GroupedSearch.Found> answer = List.of(
                new GroupedSearch.Found(new SceneRef("bare", Instant.parse("2023-06-01T10:00:00Z"), 5.0), null),
                new GroupedSearch.Found(new SceneRef("a", Instant.parse("2023-06-01T10:00:00Z"), 5.0),
                        box(10, 10, 11, 11)));
        GroupedSearch grouped = new GroupedSearch(0.5, 100, g -> answer);
        Map<String, List<SceneRef>> found = grouped.scenes(List.of(
                new GroupedSearch.Area("x1", box(10.1, 10.1, 10.2, 10.2)),
                new GroupedSearch.Area("x2", box(10.3, 10.3, 10.4, 10.4))));
        assertEquals(1, grouped.searches(), "one cell");
        assertEquals(List.of("a"), found.get("x1").stream().map(SceneRef::id).toList());
        assertEquals(List.of("a"), found.get("x2").stream().map(SceneRef::id).toList());
    }

    @Test
    void cellsSearchedInAnEarlierBatchAreNotSearchedAgain() {
        Catalog catalog = new Catalog();
        catalog.add("a", box(10, 10, 11, 11));
        GroupedSearch grouped = new GroupedSearch(0.5, 100, catalog::search);
        grouped.scenes(List.of(new GroupedSearch.Area("x1", box(10.1, 10.1, 10.2, 10.2)),
                new GroupedSearch.Area("x2", box(10.3, 10.3, 10.4, 10.4))));
        Map<String, List<SceneRef>> later = grouped.scenes(List.of(new GroupedSearch.Area("x3",
                box(10.2, 10.2, 10.25, 10.25))));
        assertEquals(1, catalog.searches);
        assertEquals(List.of("a"), later.get("x3").stream().map(SceneRef::id).toList());
    }

    @Test
    void anAoiAloneInItsCellOrTooLargeForItIsSearchedOnItsOwn() throws ParseException {
        Catalog catalog = new Catalog();
        catalog.add("a", box(10, 10, 12, 12));
        List<Geometry> searched = new ArrayList<>();
        GroupedSearch grouped = new GroupedSearch(0.5, 100, g -> {
            searched.add(g);
            return catalog.search(g);
        });
        Geometry alone = wkt.read("POLYGON ((10.1 10.1, 10.2 10.1, 10.2 10.2, 10.1 10.1))");
        Geometry large = box(10, 10, 11.5, 10.2);
        Map<String, List<SceneRef>> found = grouped.scenes(List.of(new GroupedSearch.Area("alone", alone),
                new GroupedSearch.Area("large", large)));
        assertEquals(2, searched.size());
        assertEquals(true, searched.contains(alone) && searched.contains(large), "each with its own geometry");
        assertEquals(List.of("a"), found.get("alone").stream().map(SceneRef::id).toList());
        assertEquals(List.of("a"), found.get("large").stream().map(SceneRef::id).toList());
    }

    @Test
    void cellOfAnEnvelope() {
        GroupedSearch g = new GroupedSearch(1.0, 10, x -> List.of());
        assertNotNull(g.cellOf(new Envelope(15.2, 15.4, 46.2, 46.4)), "inside its cell");
        assertNotNull(g.cellOf(new Envelope(15.9, 16.3, 46.2, 46.4)), "centre's cell grown by half a cell holds it");
        assertNull(g.cellOf(new Envelope(15.0, 17.0, 46.2, 46.4)), "wider than a cell and a half");
        assertNull(g.cellOf(new Envelope()), "empty");
        assertEquals(g.cellOf(new Envelope(15.1, 15.2, 46.1, 46.2)), g.cellOf(new Envelope(15.8, 15.9, 46.8, 46.9)));
    }
}
