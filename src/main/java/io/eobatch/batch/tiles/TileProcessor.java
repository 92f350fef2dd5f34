package io.eobatch.batch.tiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ItemOutcome;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.stac.OpenedScenes;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.composite.CompositeMethod;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TileComposite;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.results.ResultsStore;

/**
 * Computes one tile of tiled-composite: the composite of the index over the tile's scenes
 * ({@link TileComposite}), written as {@code tiles/<tile id>.tif} in the results folder.
 *
 * <p>An existing COG (the results folder belongs to the job instance, so it comes from an earlier attempt or was
 * put there): with {@code overwrite} the tile is computed again and the file replaced; with {@code skipExisting} it
 * is kept and the tile is DONE; with neither, a tile that this instance already attempted (the COG was written,
 * then the chunk rolled back or the server died before the ledger said DONE) is reconciled to DONE, and a tile never
 * attempted fails (FAILED, "output exists"), as Sentinel Hub Batch refuses to write over an output.
 *
 * <p>A tile with no valid pixel in any scene is NO_DATA and gets no COG (a stale one is removed with overwrite).
 */
@Named
@Dependent
public class TileProcessor implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(TileProcessor.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    StacProvider stac;

    @Inject
    ResultsStore results;

    /** Catalog name. */
    @Inject
    @BatchProperty
    String catalog;

    /** STAC collection. */
    @Inject
    @BatchProperty
    String collection;

    /** ndvi, ndwi or evi. */
    @Inject
    @BatchProperty
    String index;

    /** max, median or mean. */
    @Inject
    @BatchProperty
    String composite;

    /** Tile size, km. */
    @Inject
    @BatchProperty
    String tileSize;

    /** Pixel size, metres. */
    @Inject
    @BatchProperty
    String resolution;

    /** Extra pixels per side. */
    @Inject
    @BatchProperty
    String buffer;

    /** true: keep existing COGs. */
    @Inject
    @BatchProperty
    String skipExisting;

    /** true: replace existing COGs. */
    @Inject
    @BatchProperty
    String overwrite;

    /** What to do about a tile whose COG may exist already (Sentinel Hub Batch's skipExisting / overwrite). */
    enum ExistingOutput {
        /** compute the tile (no COG yet, or overwrite) */
        COMPUTE,
        /** keep the existing COG: the tile is DONE (skipExisting) */
        KEEP,
        /** the COG is this item's own from an earlier attempt (a crash after the write): DONE without work */
        RECONCILE,
        /** neither flag and the COG was not written by this item: the tile FAILS */
        REFUSE
    }

    /**
     * The rule for existing outputs: overwrite wins, then skipExisting keeps the file; with neither, a COG that an
     * earlier attempt of this very item wrote is reconciled, any other one refused.
     */
    static ExistingOutput existingOutput(boolean exists, boolean overwrite, boolean skipExisting, int attempts) {
        if (!exists || overwrite) {
            return ExistingOutput.COMPUTE;
        }
        if (skipExisting) {
            return ExistingOutput.KEEP;
        }
        return attempts > 0 ? ExistingOutput.RECONCILE : ExistingOutput.REFUSE;
    }

    @Override
    public Object processItem(Object o) throws IOException {
        WorkItem item = (WorkItem) o;
        Tile tile = TileKey.parse(item.itemKey, TiledCompositeJob.tileMetres(tileSize), Double.parseDouble(resolution),
                Integer.parseInt(buffer));
        Path cog = results.dir(item.jobInstanceId).resolve(TiledCompositeJob.TILES_DIR).resolve(tile.id() + ".tif");
        switch (existingOutput(Files.exists(cog), "true".equals(overwrite), "true".equals(skipExisting),
                item.attempts)) {
            case KEEP -> {
                return new ItemOutcome(item.id, ItemStatus.DONE, "existing COG kept (skipExisting)", null, null);
            }
            case RECONCILE -> {
                LOG.info(() -> "tile " + tile.id() + " has its COG from an earlier attempt: reconciled to DONE");
                return new ItemOutcome(item.id, ItemStatus.DONE, null, null, null);
            }
            case REFUSE -> throw new ItemDataException("tile " + tile.id() + ": output " + cog.getFileName()
                    + " exists (set skipExisting or overwrite)", null);
            case COMPUTE -> {
                // no output yet, or overwrite: compute it
            }
        }
        ledger.markInFlight(item.id, job.getExecutionId());
        SpectralIndex idx = SpectralIndex.valueOf(index.toUpperCase(Locale.ROOT));
        try (OpenedScenes opened = new OpenedScenes()) {
            List<SceneInput> scenes = new ArrayList<>();
            for (String id : item.sceneIdList()) {
                scenes.add(opened.open(stac.item(catalog, collection, id), idx.bands()));
            }
            TileComposite.Result r = TileComposite.compute(tile.grid(), TileComposite.ordered(scenes), idx,
                    CloudMask.DEFAULT, CompositeMethod.of(composite));
            if (!r.hasData()) {
                Files.deleteIfExists(cog);
                return new ItemOutcome(item.id, ItemStatus.NO_DATA, "no valid pixel in " + scenes.size()
                        + " scene(s) over the tile", null, null);
            }
            TileComposite.writeCog(r, cog);
            LOG.fine(() -> "execution " + job.getExecutionId() + " tile " + tile.id() + ": " + r.valid()
                    + " valid pixel(s) from " + scenes.size() + " scene(s)");
            return new ItemOutcome(item.id, ItemStatus.DONE, null, null, null);
        } catch (IOException e) {
            throw StacProvider.classify("tile " + tile.id(), e);
        }
    }


}
