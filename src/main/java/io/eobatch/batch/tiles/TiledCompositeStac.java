package io.eobatch.batch.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.eobatch.ledger.WorkItem;
import io.eobatch.raster.composite.Tile;
import io.eobatch.results.ResultsStac;

/**
 * The STAC items of a tiled-composite execution: one per tile of the ledger (id = tile id), its footprint the
 * written extent (buffer included) reprojected to EPSG:4326, its asset the tile's COG {@code tiles/<tileId>.tif},
 * {@code proj:epsg} the tile's UTM zone and its source scenes the tile's scenes. {@code estimate.json} and
 * {@code mosaic.png} name no tile: they are assets of the Collection.
 */
public final class TiledCompositeStac {

    private TiledCompositeStac() {
    }

    /** The path of a tile's COG in the results folder. */
    public static String cogPath(String tileId) {
        return TiledCompositeJob.TILES_DIR + "/" + tileId + ".tif";
    }

    /**
     * @param items  the ledger items of the job instance (one per tile)
     * @param params the job parameters (tileSize, resolution, buffer; the job's defaults when absent)
     */
    public static List<ResultsStac.ItemSpec> items(List<WorkItem> items, Map<String, String> params) {
        double size = TiledCompositeJob.tileMetres(params.getOrDefault("tileSize", "10"));
        double resolution = Double.parseDouble(params.getOrDefault("resolution", "10"));
        int buffer = Integer.parseInt(params.getOrDefault("buffer", "0"));
        List<ResultsStac.ItemSpec> out = new ArrayList<>();
        for (WorkItem w : items) {
            Tile tile = TileKey.parse(w.itemKey, size, resolution, buffer);
            out.add(new ResultsStac.ItemSpec(tile.id(), w.aoiId, tile.footprintWgs84(), null, w.status.name(),
                    List.of(w.sceneIdList()), List.of(cogPath(tile.id())),
                    Map.of("proj:epsg", tile.grid().epsg())));
        }
        return out;
    }
}
