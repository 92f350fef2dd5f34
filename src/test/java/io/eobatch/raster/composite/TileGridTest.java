package io.eobatch.raster.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.Reprojection;

class TileGridTest {

    @ParameterizedTest(name = "lon {0} lat {1} -> EPSG:{2}")
    @CsvSource({"16.0, 46.0, 32633", "15.0, 46.0, 32633", "11.999, 46.0, 32632", "12.0, 46.0, 32633", "-0.5, 51.5, 32630",
            "-180, 10, 32601", "179.9, -10, 32760", "18.4, -33.9, 32734", "0.0, 0.0, 32631"})
    void zoneOfTheCentroid(double lon, double lat, int epsg) {
        assertEquals(epsg, TilingGrid.utmEpsg(lon, lat));
    }

    @Test
    void tileGridsAreAlignedToMultiplesOfTheTileSizeWithTheBufferAround() {
        TilingGrid g = new TilingGrid(32633, 4800, 60, 2);
        Tile t = g.tile(118, 1060);
        assertEquals("33N-x0566-y5088", t.id());
        assertEquals(new GridGeometry(32633, 80, 80, 566400, 5092800, 60, -60), t.core());
        assertEquals(new GridGeometry(32633, 84, 84, 566280, 5092920, 60, -60), t.grid());
    }

    @Test
    void tilesIntersectingABoxInUtmAreTheCellsItOverlaps() {
        TilingGrid g = new TilingGrid(32633, 5000, 10, 0);
        // a UTM box 571000..579000 x 5091000..5094000 -> columns 114, 115; rows 1018
        Geometry utm = Tile.box(571000, 5091000, 579000, 5094000);
        List<Tile> tiles = g.tilesIntersecting(Reprojection.transform(utm, 32633, 4326));
        assertEquals(List.of("33N-x0570-y5090", "33N-x0575-y5090"), tiles.stream().map(Tile::id).toList());
        for (Tile t : tiles) {
            assertTrue(t.footprintWgs84().intersects(Reprojection.transform(utm, 32633, 4326)), t.id());
        }
    }

    @Test
    void aTileSizeThatIsNoWholeNumberOfPixelsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TilingGrid(32633, 5000, 120, 0));
        assertThrows(IllegalArgumentException.class, () -> new TilingGrid(4326, 5000, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TilingGrid(32633, 5000, 10, -1));
    }

    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource(delimiter = ';', value = {"MAX; 0.1,0.7,0.3; 0.7", "MEAN; 0.1,0.7,0.4; 0.4", "MEDIAN; 0.1,0.7,0.3; 0.3",
            "MEDIAN; 0.1,0.7,0.3,0.5; 0.4", "MEDIAN; -0.2; -0.2"})
    void compositeMethods(String method, String values, double expected) {
        double[] v = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(expected, CompositeMethod.of(method.toLowerCase()).combine(v, v.length), 1e-15);
    }

    @Test
    void estimateCountsBandsScenesAndPixels() {
        TilingGrid g = new TilingGrid(32633, 5000, 10, 0);
        TileEstimate e = TileEstimate.of(g, 4, 10, 5, 3);
        assertEquals(250_000, e.tilePixels());
        assertEquals(Math.round(10 * 3 * 250_000 * 2 * TileEstimate.COMPRESSION_GUESS), e.bytesToRead());
        // coarser output than the source: the source is still read at 10 m
        TileEstimate coarse = TileEstimate.of(new TilingGrid(32633, 5000, 100, 0), 4, 10, 5, 3);
        assertEquals(e.bytesToRead(), coarse.bytesToRead());
    }
}
