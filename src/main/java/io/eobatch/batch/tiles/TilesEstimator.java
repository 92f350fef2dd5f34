package io.eobatch.batch.tiles;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.ExpectedDuration;
import io.eobatch.batch.ParameterException;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.composite.TileEstimate;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.StacItem;

/**
 * What a tiled-composite run would do, before it runs: the analysis its analyse step makes ({@link TileAnalysis}: one
 * catalog search, the grid, the tiles and the scenes over each, the bytes to read), with the range requests (a
 * header and a window read per band and tile-scene) and the expected duration under the stac limits. No COG read.
 */
@ApplicationScoped
public class TilesEstimator {

    @Inject
    StacProvider stac;

    @Inject
    AoiRepository aois;

    public Map<String, Object> estimate(Properties p) {
        TiledCompositeJob.Area area = area(p);
        Double maxCloud = io.eobatch.batch.Jobs.cloudLimit(p.getProperty("maxCloudCover"));
        List<StacItem> scenes = stac.search(p.getProperty("catalog"), p.getProperty("collection"),
                area.geometryWgs84(), LocalDate.parse(p.getProperty("from")), LocalDate.parse(p.getProperty("to")),
                maxCloud);
        SpectralIndex index = SpectralIndex.valueOf(p.getProperty("index", "ndvi").toUpperCase(Locale.ROOT));
        TileAnalysis a = TileAnalysis.of(area, p.getProperty("tileSize"), Double.parseDouble(p.getProperty("resolution")),
                Integer.parseInt(p.getProperty("buffer")), scenes, index);
        TileEstimate e = a.estimate();
        int bands = index.bands().size() + 1;
        long requests = e.tileScenes() * bands * 2;
        ExpectedDuration duration = ExpectedDuration.of(StacProvider.NAME, requests, 0);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("items", e.tiles());
        total.put("tiles", e.tiles());
        total.put("tileScenes", e.tileScenes());
        total.put("scenes", e.scenes());
        total.put("catalogSearches", 1);
        total.put("requests", requests);
        total.put("bytes", e.bytesToRead());
        total.put("processingUnits", 0);
        total.put("cost", e.tileScenes());
        total.put("costUnit", "scenes");
        duration.into(total);
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("epsg", a.grid().epsg());
        grid.put("tileSize", a.grid().tileSize());
        grid.put("resolution", a.grid().resolution());
        grid.put("buffer", a.grid().buffer());
        grid.put("tilePixels", a.grid().tilePixels());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", TiledCompositeJob.ID);
        out.put("provider", StacProvider.NAME);
        out.put("area", area.id());
        out.put("grid", grid);
        out.put("total", total);
        Map<String, Object> assumptions = new LinkedHashMap<>(duration.assumptions());
        assumptions.put("compression", TileEstimate.COMPRESSION_GUESS);
        out.put("assumptions", assumptions);
        return out;
    }

    private TiledCompositeJob.Area area(Properties p) {
        String bbox = p.getProperty("bbox");
        if (bbox != null && !bbox.isBlank()) {
            return TiledCompositeJob.Area.parseBbox(bbox);
        }
        String aoi = p.getProperty("aoi");
        if (aoi == null || aoi.isBlank()) {
            throw new ParameterException("aoi", "give aoi or bbox");
        }
        return new TiledCompositeJob.Area(aoi.strip(), aois.find(aoi.strip()).orElseThrow(() ->
                new ParameterException("aoi", "no AOI with id '" + aoi + "'")).geometry());
    }
}
