package io.eobatch.batch.tiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ItemResult;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.LedgerItemProcessor;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.composite.CompositeMethod;
import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TileComposite;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.results.ResultsStore;

/**
 * Step process-tiles of tiled-composite, in the item lifecycle of {@link LedgerItemProcessor}: one tile, the composite of the index over the tile's scenes
 * ({@link TileComposite}), written as {@code tiles/<tile id>.tif} in the results folder, or with {@code format=zarr}
 * as the tile's chunk of the area's Zarr array ({@code composite.zarr/<index>/<i>.<j>}; the rules below hold for it as
 * for a COG).
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
public class TileProcessor extends LedgerItemProcessor {

    private static final Logger LOG = Logger.getLogger(TileProcessor.class.getName());

    @Inject
    SceneSource scenes;

    @Inject
    ResultsStore results;

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
    protected Optional<ItemResult> reconcile(WorkItem item) {
        String tile = item.sceneId;
        Path cog = cog(item);
        return switch (existingOutput(Files.exists(cog), params().flag("overwrite"), params().flag("skipExisting"),
                item.attempts)) {
            case KEEP -> Optional.of(ItemResult.of(item.id, ItemStatus.DONE, "existing COG kept (skipExisting)"));
            case RECONCILE -> {
                LOG.info(() -> "tile " + tile + " has its COG from an earlier attempt: reconciled to DONE");
                yield Optional.of(ItemResult.of(item.id, ItemStatus.DONE, null));
            }
            case REFUSE -> throw new ItemDataException("tile " + tile + ": output " + cog.getFileName()
                    + " exists (set skipExisting or overwrite)", null);
            case COMPUTE -> Optional.empty();
        };
    }

    @Override
    protected Work work(WorkItem item) {
        JobProperties p = params();
        Tile tile = TileKey.parse(item.itemKey, TiledCompositeJob.tileMetres(p.get("tileSize")),
                p.number("resolution"), p.integer("buffer"));
        Path cog = cog(item);
        SpectralIndex idx = p.index();
        return new Work(0, false, () -> scenes.withOpenScenes("tile " + tile.id(), open -> {
            List<SceneInput> inputs = new ArrayList<>();
            for (String id : item.sceneIdList()) {
                inputs.add(open.open(p.get("catalog"), p.get("collection"), id, idx.bands()));
            }
            TileComposite.Result r = TileComposite.compute(tile.grid(), TileComposite.ordered(inputs), idx,
                    CloudMask.DEFAULT, CompositeMethod.of(p.get("composite")));
            if (!r.hasData()) {
                Files.deleteIfExists(cog);
                return ItemResult.of(item.id, ItemStatus.NO_DATA, "no valid pixel in " + inputs.size()
                        + " scene(s) over the tile");
            }
            if (zarr != null) {
                zarr.writeChunk(results.dir(item.jobInstanceId), tile, r.values());
            } else {
                TileComposite.writeCog(r, cog);
            }
            LOG.fine(() -> "execution " + job.getExecutionId() + " tile " + tile.id() + ": " + r.valid()
                    + " valid pixel(s) from " + inputs.size() + " scene(s)");
            return ItemResult.of(item.id, ItemStatus.DONE, null);
        }));
    }

    /** The Zarr array of this job instance (format zarr), from the plan's tiles; null for COGs. */
    private io.eobatch.raster.zarr.ZarrTileArray zarr;

    /** The tile's output: its COG, or its chunk of the Zarr array. */
    private Path cog(WorkItem item) {
        JobProperties p = params();
        if (TiledCompositeJob.zarr(p.get("format"))) {
            Tile tile = TileKey.parse(item.itemKey, TiledCompositeJob.tileMetres(p.get("tileSize")),
                    p.number("resolution"), p.integer("buffer"));
            try {
                if (zarr == null) {
                    zarr = io.eobatch.raster.zarr.ZarrTileArray.of(TiledCompositeJob.plannedTiles(
                            results.dir(item.jobInstanceId)), p.index().name().toLowerCase(java.util.Locale.ROOT));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the plan of job instance " + item.jobInstanceId, e);
            }
            return results.dir(item.jobInstanceId).resolve(zarr.chunkPath(tile));
        }
        return results.dir(item.jobInstanceId).resolve(TiledCompositeStac.cogPath(item.sceneId));
    }
}
