package io.eobatch.batch.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import io.eobatch.ledger.WorkItem;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.results.ResultsStac;

class TiledCompositeStacTest {

    @Test
    void oneItemPerTileWithItsFootprintCogEpsgAndScenes() {
        TilingGrid grid = new TilingGrid(32633, 9600, 30, 2);
        Tile t = grid.tile(59, 530);
        WorkItem w = WorkItem.planned(3, "tiled-composite", TileKey.of(t, grid), 0, 1, "bbox(1,2,3,4)", t.id(),
                List.of("S1", "S2"), Instant.parse("2023-08-01T00:00:00Z"));
        List<ResultsStac.ItemSpec> specs = TiledCompositeStac.items(List.of(w),
                Map.of("tileSize", "9.6", "resolution", "30", "buffer", "2"));
        assertEquals(1, specs.size());
        ResultsStac.ItemSpec s = specs.get(0);
        assertEquals("33N-x0566-y5088", s.id(), "column 59 x 9.6 km = 566.4 km, row 530 = 5088 km");
        assertEquals(List.of("tiles/33N-x0566-y5088.tif"), s.paths());
        assertEquals(List.of("S1", "S2"), s.sceneIds());
        assertEquals("PENDING", s.status());
        assertEquals(Map.of("proj:epsg", 32633, "proj:shape", List.of(324, 324), "proj:transform",
                List.of(30.0, 0.0, 566_340.0, 0.0, -30.0, 5_097_660.0), "processing:level", "L3"), s.properties(),
                "320 px + 2 x 2 px of buffer; the upper-left corner 60 m west and north of the cell's");
        assertEquals(Map.of("raster:bands", List.of(Map.of("data_type", "float32", "nodata", "nan",
                "spatial_resolution", 30.0, "sampling", "area"))), s.assetFields().get("tiles/33N-x0566-y5088.tif"));
        assertEquals("bbox(1,2,3,4)", s.aoiId());
        // the footprint is the written extent (buffer of 2 px at 30 m included): its lower-left corner in lon/lat
        double[] ll = Reprojection.transform(566_400 - 60, 5_088_000 - 60, 32633, Reprojection.WGS84);
        Envelope e = s.geometry().getEnvelopeInternal();
        assertTrue(e.getMinX() <= ll[0] + 1e-9 && e.getMinX() > ll[0] - 3e-3, "min lon " + e + " vs " + ll[0]);
        assertTrue(e.getMinY() <= ll[1] + 1e-9 && e.getMinY() > ll[1] - 3e-3, "min lat " + e + " vs " + ll[1]);
        double[] ur = Reprojection.transform(566_400 + 9600 + 60, 5_088_000 + 9600 + 60, 32633, Reprojection.WGS84);
        assertTrue(e.getMaxX() >= ur[0] - 1e-9 && e.getMaxX() < ur[0] + 3e-3, "max lon " + e + " vs " + ur[0]);
    }
}
