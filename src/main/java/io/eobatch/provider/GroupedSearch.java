package io.eobatch.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import io.eobatch.stac.StaticStacCatalog;

/**
 * Scene searches for many AOIs, made once per grid cell instead of once per AOI, with the same answer.
 *
 * <p>The grid has square cells of {@code cellDegrees} (EPSG:4326 lon/lat degrees, from lon -180 / lat -90). An AOI
 * belongs to the cell that holds the centre of its envelope when its envelope lies inside that cell grown by half a
 * cell on every side (the cell's <em>search box</em>); the search box is searched once (for the job's collection,
 * period and cloud limit), and every AOI of the cell gets the scenes whose footprint intersects it, found in memory
 * with an {@link STRtree} of the footprints and tested as a static catalog and a STAC API test them (the AOI's
 * prepared geometry intersects the footprint; invalid geometries repaired first). Any scene that intersects an AOI
 * intersects the search box that holds the AOI, so nothing is lost; the test per AOI keeps out what the box added.
 * An AOI too large for its cell's box, or alone in its cell, is searched on its own, as before.
 *
 * <p>Cells already searched are kept (up to {@code maxCells}, least recently used out) so that AOIs of one cell met
 * in different batches of a plan cost one search. Written here because no library does it: a spatial join of AOIs
 * against search results is a few lines over JTS's STRtree, the grouping is the plan's own rule.
 */
public final class GroupedSearch {

    /** An AOI: id and geometry (EPSG:4326 lon/lat). */
    public record Area(String id, Geometry geometry) {
    }

    /** A scene found and its footprint (EPSG:4326 lon/lat: the item geometry, else its bbox). */
    public record Found(SceneRef scene, Geometry footprint) {
    }

    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    private final double cell;
    private final Function<Geometry, List<Found>> search;
    private final Map<Long, Cell> cells;
    private int searches;

    /**
     * @param cellDegrees the grid's cell size in degrees (> 0)
     * @param maxCells    how many searched cells to keep
     * @param search      the provider's search over a geometry (the job's collection, period and cloud limit)
     */
    public GroupedSearch(double cellDegrees, int maxCells, Function<Geometry, List<Found>> search) {
        if (!(cellDegrees > 0)) {
            throw new IllegalArgumentException("cell size must be > 0 degrees: " + cellDegrees);
        }
        this.cell = cellDegrees;
        this.search = search;
        this.cells = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Cell> eldest) {
                return size() > maxCells;
            }
        };
    }

    /** The searches made so far. */
    public int searches() {
        return searches;
    }

    /** The scenes over each area (by id, in the order of {@code areas}). */
    public Map<String, List<SceneRef>> scenes(List<Area> areas) {
        Map<Long, List<Area>> byCell = new LinkedHashMap<>();
        List<Area> alone = new ArrayList<>();
        for (Area a : areas) {
            Long key = cellOf(a.geometry().getEnvelopeInternal());
            if (key == null) {
                alone.add(a);
            } else {
                byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<SceneRef>> found = new java.util.HashMap<>();
        byCell.forEach((key, members) -> {
            Cell c = cells.get(key);
            if (c == null && members.size() == 1) {
                alone.add(members.get(0));
                return;
            }
            if (c == null) {
                c = new Cell(searchBox(key));
                cells.put(key, c);
            }
            for (Area a : members) {
                found.put(a.id(), c.over(a.geometry()));
            }
        });
        for (Area a : alone) {
            searches++;
            found.put(a.id(), search.apply(a.geometry()).stream().map(Found::scene).toList());
        }
        Map<String, List<SceneRef>> out = new LinkedHashMap<>();
        areas.forEach(a -> out.put(a.id(), found.get(a.id())));
        return out;
    }

    /** The cell of an AOI's envelope (its key), or null when the envelope does not fit the cell's search box. */
    Long cellOf(Envelope e) {
        if (e.isNull()) {
            return null;
        }
        long col = (long) Math.floor((e.centre().x + 180) / cell);
        long row = (long) Math.floor((e.centre().y + 90) / cell);
        Envelope box = box(col, row);
        return box.contains(e) ? col * 1_000_000L + row : null;
    }

    private Geometry searchBox(long key) {
        return GEOMETRIES.toGeometry(box(key / 1_000_000L, key % 1_000_000L));
    }

    /** The search box of a cell: the cell grown by half a cell on every side, clipped to lon/lat bounds. */
    private Envelope box(long col, long row) {
        double west = col * cell - 180;
        double south = row * cell - 90;
        return new Envelope(Math.max(-180, west - cell / 2), Math.min(180, west + cell * 1.5),
                Math.max(-90, south - cell / 2), Math.min(90, south + cell * 1.5));
    }

    /** One searched cell: its scenes in an STRtree by footprint envelope. */
    private final class Cell {
        private final STRtree tree = new STRtree();
        private final List<Found> scenes;

        Cell(Geometry box) {
            searches++;
            scenes = search.apply(box);
            // a scene without a footprint (no geometry, no bbox) meets no AOI, as in intersects
            scenes.stream().filter(f -> f.footprint() != null)
                    .forEach(f -> tree.insert(f.footprint().getEnvelopeInternal(), f));
            tree.build();
        }

        List<SceneRef> over(Geometry aoi) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(aoi);
            List<SceneRef> out = new ArrayList<>();
            for (Object o : tree.query(aoi.getEnvelopeInternal())) {
                Found f = (Found) o;
                if (StaticStacCatalog.intersects(prepared, aoi, f.footprint())) {
                    out.add(f.scene());
                }
            }
            return out;
        }
    }
}
