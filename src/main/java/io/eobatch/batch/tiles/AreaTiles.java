package io.eobatch.batch.tiles;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import io.eobatch.aoi.Aoi;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;

/**
 * Tiles that are features: with {@code aoiSet}, each AOI of the set is an output tile of its own extent (Sentinel Hub
 * Batch's "GeoPackage input": upload the GeoPackage into a set, {@code POST /api/aois?set=NAME}), instead of a cell
 * of the UTM grid. A feature's tile is in the UTM zone of its centroid (EPSG 326zz north, 327zz south), its extent
 * the feature's envelope in that zone grown outwards to whole pixels: corners at multiples of the resolution, so two
 * features of one zone share the pixel lattice. Its id is the AOI's id (so its COG is {@code tiles/<aoi id>.tif});
 * its column and row are -1 (no grid). The buffer grows it as it grows a grid cell.
 */
public final class AreaTiles {

    /** The most pixels a feature's tile may have on a side (a COG of 20000 x 20000 Float32 is 1.6 GB raw). */
    public static final int MAX_SIDE = 20_000;

    private AreaTiles() {
    }

    /** The tile of an AOI at {@code resolution} metres with {@code buffer} pixels; IllegalArgumentException when too large. */
    public static Tile of(Aoi aoi, double resolution, int buffer) {
        return of(aoi.id(), aoi.geometry(), resolution, buffer);
    }

    /** The tile of a lon/lat geometry named {@code id}. */
    public static Tile of(String id, Geometry lonLat, double resolution, int buffer) {
        Point c = lonLat.getCentroid();
        int epsg = TilingGrid.utmEpsg(c.getX(), c.getY());
        Envelope e = Reprojection.fromWgs84(lonLat, epsg).getEnvelopeInternal();
        long x0 = (long) Math.floor(e.getMinX() / resolution);
        long x1 = Math.max(x0 + 1, (long) Math.ceil(e.getMaxX() / resolution));
        long y0 = (long) Math.floor(e.getMinY() / resolution);
        long y1 = Math.max(y0 + 1, (long) Math.ceil(e.getMaxY() / resolution));
        return tile(id, epsg, x0, y1, Math.toIntExact(x1 - x0), Math.toIntExact(y1 - y0), resolution, buffer);
    }

    /**
     * The tile whose west edge is at {@code x0} pixels and north edge at {@code y1} pixels of {@code resolution}
     * metres (eastings x0 * resolution, northings y1 * resolution), {@code width} x {@code height} pixels.
     */
    static Tile tile(String id, int epsg, long x0, long y1, int width, int height, double resolution, int buffer) {
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("AOI " + id + " is " + width + " x " + height + " pixels at "
                    + resolution + " m: more than " + MAX_SIDE + " a side");
        }
        GridGeometry core = new GridGeometry(epsg, width, height, x0 * resolution, y1 * resolution, resolution,
                -resolution);
        GridGeometry grid = new GridGeometry(epsg, width + 2 * buffer, height + 2 * buffer,
                (x0 - buffer) * resolution, (y1 + buffer) * resolution, resolution, -resolution);
        return new Tile(id, -1, -1, core, grid);
    }

    /** The ledger key of a feature's tile: {@code <aoi id>/<epsg>/<x0>/<y1>/<width>/<height>} (pixels). */
    static String key(Tile t) {
        GridGeometry g = t.core();
        return t.id() + "/" + g.epsg() + "/" + Math.round(g.originX() / g.pixelSizeX()) + "/"
                + Math.round(g.originY() / g.pixelSizeX()) + "/" + g.width() + "/" + g.height();
    }
}
