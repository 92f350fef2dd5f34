package io.eobatch.batch.tiles;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ResultsBatchlet;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.composite.AreaMosaic;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;
import io.eobatch.batch.JobProperties;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.results.JsonValues;

/**
 * Step make-mosaic of tiled-composite: {@code mosaic.png}, the whole area at a reduced resolution (at most
 * {@link #MAX_SIDE} pixels a side) from the tiles' COGs (their overviews where they have some), RdYlGn over
 * [-0.2, 0.9] for NDVI and [-1, 1] for the other indices; tiles without a COG (NO_DATA, FAILED) and NaN pixels are
 * transparent. The grid and the tiles come from {@code estimate.json}. Runs again after a restart (it is cheap).
 */
@Named
@Dependent
public class MakeMosaic extends ResultsBatchlet {

    private static final Logger LOG = Logger.getLogger(MakeMosaic.class.getName());

    private static String estimateArea(Path dir) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve(TiledCompositeJob.ESTIMATE))) {
            return JsonValues.JSON.createReader(r).readObject().getString("area", "");
        }
    }

    /** Largest side of the mosaic, pixels. */
    public static final int MAX_SIDE = 2048;

    @Override
    protected String write(long instance) throws IOException {
        Path dir = results.dir(instance);
        if (JobProperties.of(job).get(io.eobatch.batch.CommonParameters.AOI_SET.name()) != null) {
            LOG.info(() -> "execution " + job.getExecutionId() + ": tiles from an AOI set: no mosaic (no one grid)");
            return "NO_MOSAIC (aoiSet)";
        }
        if (TiledCompositeJob.zarr(JobProperties.of(job).get("format"))) {
            // the store's metadata again (the same bytes after a plan; a retry-failed instance copied only chunks)
            List<Tile> planned = TiledCompositeJob.plannedTiles(dir);
            if (!planned.isEmpty()) {
                JobProperties p = JobProperties.of(job);
                io.eobatch.raster.zarr.ZarrTileArray.of(planned, p.index().name().toLowerCase(java.util.Locale.ROOT))
                        .writeMetadata(dir, TiledCompositeJob.zarrTitle(p, estimateArea(dir), instance));
            }
            LOG.info(() -> "execution " + job.getExecutionId() + ": format zarr: no mosaic (read the array whole)");
            return "NO_MOSAIC (zarr)";
        }
        JsonObject estimate;
        try (Reader r = Files.newBufferedReader(dir.resolve(TiledCompositeJob.ESTIMATE))) {
            estimate = JsonValues.JSON.createReader(r).readObject();
        }
        JsonObject g = estimate.getJsonObject("grid");
        TilingGrid grid = new TilingGrid(g.getInt("epsg"), g.getJsonNumber("tileSize").doubleValue(),
                g.getJsonNumber("resolution").doubleValue(), g.getInt("buffer"));
        List<Tile> tiles = estimate.getJsonArray("tiles").stream().map(JsonValue::asJsonObject)
                .map(t -> grid.tile(t.getJsonNumber("column").longValue(), t.getJsonNumber("row").longValue()))
                .toList();
        if (tiles.isEmpty()) {
            LOG.info(() -> "execution " + job.getExecutionId() + ": no tile, no mosaic");
            return "NO_TILES";
        }
        Map<Tile, Path> cogs = new LinkedHashMap<>();
        for (Tile t : tiles) {
            Path f = dir.resolve(TiledCompositeJob.TILES_DIR).resolve(t.id() + ".tif");
            if (Files.isRegularFile(f)) {
                cogs.put(t, f);
            }
        }
        GridGeometry mosaic = AreaMosaic.grid(grid, tiles, MAX_SIDE);
        double[] values = AreaMosaic.values(mosaic, cogs);
        ColorMap colours = JobProperties.of(job).index() == SpectralIndex.NDVI ? ColorMap.rdYlGn()
                : ColorMap.rdYlGn(-1, 1);
        PngWriter.write(AreaMosaic.render(mosaic, values, colours), dir.resolve(TiledCompositeJob.MOSAIC));
        LOG.info(() -> "execution " + job.getExecutionId() + ": mosaic " + mosaic.width() + "x" + mosaic.height()
                + " px of " + mosaic.pixelSizeX() + " m from " + cogs.size() + " of " + tiles.size() + " tile(s)");
        return "MOSAIC " + cogs.size() + "/" + tiles.size();
    }
}
