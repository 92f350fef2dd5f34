package io.eobatch.provider.stac;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.provider.ItemDataException;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.stac.StacItem;

/**
 * The COG assets of STAC items opened as {@link SceneInput}s (the bands asked for and the SCL), closed together.
 * Opening reads only the headers (cached per URL); the statistics, renderers and composites then read windows.
 */
public final class OpenedScenes implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenedScenes.class.getName());

    private final List<RasterBand> opened = new ArrayList<>();
    private final OutboundPolicy policy;

    /** Scenes whose assets may be read from anywhere but a link-local address (tests, library use). */
    public OpenedScenes() {
        this(null);
    }

    /**
     * Scenes of a catalog whose assets (and their redirects) are read only where {@code policy} allows: an asset
     * href to another host, a {@code file:} href in a remote catalog or a link-local address fails the item with
     * the reason, nothing being sent.
     */
    public OpenedScenes(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** Opens {@code bands} and the SCL of {@code item}; a missing asset fails the item. */
    public SceneInput open(StacItem item, Collection<Band> bands) throws IOException {
        Map<Band, RasterBand> map = new EnumMap<>(Band.class);
        for (Band b : bands) {
            map.put(b, asset(item, b.stacAssetKey()));
        }
        RasterBand scl = asset(item, "scl");
        return new SceneInput(item.id(), item.cloudCover() == null ? Double.NaN : item.cloudCover(), map, scl,
                item.boaOffsetDn());
    }

    private RasterBand asset(StacItem item, String key) throws IOException {
        URI href = item.asset(key).orElseThrow(() -> new ItemDataException("item " + item.id() + " has no asset '"
                + key + "'", null)).href();
        RasterBand band;
        try {
            band = GeoTiffBand.open(href, 0, policy);
        } catch (OutboundException e) {
            throw new ItemDataException("item " + item.id() + ", asset '" + key + "': " + e.getMessage(), e);
        }
        opened.add(band);
        return band;
    }

    @Override
    public void close() {
        for (RasterBand b : opened) {
            try {
                b.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing a band: " + e);
            }
        }
        opened.clear();
    }
}
