package io.eobatch.batch.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eobatch.ledger.WorkItem;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.composite.Tile;
import io.eobatch.results.ResultsStac;

/**
 * The STAC items of a tiled-composite execution: one per tile of the ledger (id = tile id), its footprint the
 * written extent (buffer included) reprojected to EPSG:4326, its asset the tile's COG {@code tiles/<tileId>.tif},
 * {@code proj:epsg} the tile's UTM zone and its source scenes the tile's scenes. {@code estimate.json} and
 * {@code mosaic.png} name no tile: they are assets of the Collection.
 *
 * <p>What a loader needs to place the COG without opening it: {@code proj:shape} ([rows, columns] of the written
 * grid, buffer included), {@code proj:transform} (the GDAL geotransform as STAC orders it: [pixel width, 0, west,
 * 0, -pixel height, north], metres of the UTM zone), and the COG asset's {@code raster:bands}: one Float32 band,
 * nodata NaN (a pixel without a valid observation), the output resolution, no unit (an index is dimensionless) and no
 * scale or offset (the values are the index itself). {@code processing:level} L3: a variable on a uniform grid.
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
        io.eobatch.raster.zarr.ZarrTileArray zarr = null;
        if (TiledCompositeJob.zarr(params.get("format")) && !items.isEmpty()) {
            zarr = io.eobatch.raster.zarr.ZarrTileArray.of(items.stream().map(w -> TileKey.parse(w.itemKey, size,
                    resolution, buffer)).toList(), params.getOrDefault("index", "ndvi"));
        }
        for (WorkItem w : items) {
            Tile tile = TileKey.parse(w.itemKey, size, resolution, buffer);
            if (zarr != null) { // the tile's chunk of the area's array; the store's metadata is the Collection's
                String chunk = zarr.chunkPath(tile);
                out.add(new ResultsStac.ItemSpec(tile.id(), w.aoiId, tile.footprintWgs84(), null, w.status.name(),
                        List.of(w.sceneIdList()), List.of(chunk), Map.of("processing:level", "L3")));
                continue;
            }
            GridGeometry g = tile.grid();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("proj:epsg", g.epsg());
            properties.put("proj:shape", List.of(g.height(), g.width()));
            properties.put("proj:transform", List.of(g.pixelSizeX(), 0.0, g.originX(), 0.0, g.pixelSizeY(),
                    g.originY()));
            properties.put("processing:level", "L3");
            Map<String, Object> band = new LinkedHashMap<>();
            band.put("data_type", "float32");
            band.put("nodata", "nan");
            band.put("spatial_resolution", g.pixelSizeX());
            band.put("sampling", "area");
            out.add(new ResultsStac.ItemSpec(tile.id(), w.aoiId, tile.footprintWgs84(), null, w.status.name(),
                    List.of(w.sceneIdList()), List.of(cogPath(tile.id())), properties,
                    Map.of(cogPath(tile.id()), Map.of("raster:bands", List.of(band)))));
        }
        return out;
    }
}
