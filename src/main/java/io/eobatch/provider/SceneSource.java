package io.eobatch.provider;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.StacItem;

/**
 * STAC scenes whose Cloud-Optimized GeoTIFFs are read here, for the work computed in-process (the clearest scene of
 * a month, tile composites, byte estimates). Given by a provider that reads scenes itself
 * ({@link EoProvider#scenes}: the stac provider), or injected where a job always reads a catalog (tiled-composite).
 *
 * <p>Failures are classified as the jobs need them: {@link TransientSourceException} (HTTP 408/429/5xx, timeouts,
 * refused connections: may pass) or {@link ItemDataException} (the item's own).
 */
public interface SceneSource {

    /** The provider's name, for its throttle settings and messages. */
    String name();

    /** Its capabilities (the latency an estimate assumes). */
    Capabilities capabilities();

    /** The scenes of {@code collection} over {@code aoiWgs84} from {@code from} to {@code to} inclusive. */
    List<StacItem> search(String catalog, String collection, Geometry aoiWgs84, LocalDate from, LocalDate to,
                          Double maxCloudCover);

    /** One scene by id. */
    StacItem item(String catalog, String collection, String id);

    /** Statistics of {@code index} over the AOI on one scene, or on the day mosaic of several. */
    IndexStatistics statistics(String catalog, String collection, List<String> sceneIds, Geometry aoiWgs84,
                               SpectralIndex index, CloudMask mask);

    /**
     * Runs {@code work} with the scenes it opens, closing them all afterwards; an {@link IOException} is classified
     * (see the class comment), its message starting with {@code what}.
     */
    <T> T withOpenScenes(String what, ScenesWork<T> work);

    /** Work over opened scenes. */
    @FunctionalInterface
    interface ScenesWork<T> {
        T run(Opener scenes) throws IOException;
    }

    /** Opens a scene's bands (and its SCL) for window reads; only the headers are read here. */
    @FunctionalInterface
    interface Opener {
        SceneInput open(String catalog, String collection, String sceneId, Collection<Band> bands) throws IOException;
    }
}
