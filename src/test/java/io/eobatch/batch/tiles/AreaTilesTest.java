package io.eobatch.batch.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import io.eobatch.raster.Reprojection;
import io.eobatch.raster.composite.Tile;

/** A feature's tile: its UTM zone, its envelope grown to whole pixels, its key and back. */
class AreaTilesTest {

    @Test
    void aFeatureIsATileOfItsOwnEnvelopeOnThePixelLattice() {
        var box = Tile.boxWgs84(15.88, 45.92, 16.15, 46.08);
        Tile t = AreaTiles.of("drava-a", box, 30, 0);
        assertEquals("drava-a", t.id());
        assertEquals(32633, t.grid().epsg());
        assertEquals(0, t.grid().originX() % 30, 1e-9);
        assertEquals(0, t.grid().originY() % 30, 1e-9);
        Envelope e = Reprojection.fromWgs84(box, 32633).getEnvelopeInternal();
        double[] b = t.grid().bounds(); // minX, minY, maxX, maxY
        assertTrue(b[0] <= e.getMinX() && b[0] > e.getMinX() - 30, "west edge " + b[0] + " vs " + e);
        assertTrue(b[2] >= e.getMaxX() && b[2] < e.getMaxX() + 30, "east edge " + b[2] + " vs " + e);
        assertTrue(b[1] <= e.getMinY() && b[3] >= e.getMaxY(), "south and north");

        Tile buffered = AreaTiles.of("drava-a", box, 30, 2);
        assertEquals(t.grid().width() + 4, buffered.grid().width());
        assertEquals(t.core(), buffered.core());
        assertEquals(t.grid().originX() - 60, buffered.grid().originX());
    }

    @Test
    void theKeyRebuildsTheTileAndTheZoneIsTheCentroids() {
        Tile t = AreaTiles.of("far-east", Tile.boxWgs84(20.1, -33.9, 20.2, -33.8), 10, 1);
        assertEquals(32734, t.grid().epsg(), "south of the equator, zone 34");
        String key = AreaTiles.key(t);
        assertTrue(key.startsWith("far-east/32734/"), key);
        Tile back = TileKey.parse(key, 10_000, 10, 1);
        assertEquals(t, back);
        assertThrows(IllegalArgumentException.class, () -> AreaTiles.of("huge", Tile.boxWgs84(10, 40, 13, 43), 10, 0),
                "more than 20000 pixels a side");
    }
}
