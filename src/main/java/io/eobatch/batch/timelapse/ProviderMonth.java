package io.eobatch.batch.timelapse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageNotOfferedException;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.stats.SpectralIndex;

/**
 * One AOI x month of aoi-timelapse from a remote provider's images (sentinel-hub, observearth), for
 * {@link TimelapseProcessor}: the month's scenes from the provider's search (NO_DATA when there is none), then the
 * index PNG and, where the provider draws it, the true-colour PNG from {@link EoProvider#image}, at the provider's
 * native size, with the scenes least cloudy first ({@link SceneRef#LEAST_CLOUDY_FIRST}: Sentinel Hub mosaics them
 * in that order, ObservEarth draws the first).
 *
 * <p>Unlike the stac path nothing is measured here: the provider returns an image, not pixel counts, so the month
 * is DONE with no clear fraction ({@code minClearFraction} does not apply), and the frame's note says so. A provider
 * that does not draw true colour ({@link ImageNotOfferedException}) gives a frame without it, the note saying why.
 * Every PNG is decoded once here, so that an undecodable answer fails its item, not the GIF step.
 */
public final class ProviderMonth {

    /**
     * What the provider gave for the month.
     *
     * @param status        DONE or NO_DATA
     * @param reason        why NO_DATA; null for DONE
     * @param scene         the least cloudy scene of the month (drawn on top); null for NO_DATA
     * @param candidates    scenes found in the month
     * @param indexPng      the index image, PNG; null for NO_DATA
     * @param truecolourPng the true-colour image, PNG; null for NO_DATA or when the provider draws none
     * @param width         index image width, pixels
     * @param height        index image height, pixels
     * @param note          what the frame is and what is not known; null for NO_DATA
     */
    public record Result(ItemStatus status, String reason, SceneRef scene, int candidates, byte[] indexPng,
                         byte[] truecolourPng, int width, int height, String note) {
    }

    private ProviderMonth() {
    }

    /**
     * The month of one AOI.
     *
     * @param first    the first day of the month inside the job's period
     * @param last     the last day of the month inside the job's period, inclusive
     * @param colours  the colour map of the index (sentinel-hub draws with it; observearth with its own)
     * @param maxCloud scene cloud cover limit in percent, or null
     * @param where    the AOI and month in words, for the reasons
     * @throws ItemDataException for an answer that is not a decodable PNG, or what the provider refuses
     */
    public static Result fetch(EoProvider provider, String catalog, String collection, String aoiId, Geometry aoi,
                               LocalDate first, LocalDate last, SpectralIndex index, ColorMap colours, Double maxCloud,
                               String where) {
        Objects.requireNonNull(index, "index");
        List<SceneRef> scenes = provider.search(new SceneSearch(catalog, collection, aoiId, aoi, first, last, maxCloud))
                .stream().sorted(SceneRef.LEAST_CLOUDY_FIRST).toList();
        if (scenes.isEmpty()) {
            return new Result(ItemStatus.NO_DATA, "no scene over " + where, null, 0,
                    null, null, 0, 0, null);
        }
        SceneRef top = scenes.get(0);
        ImageQuery q = new ImageQuery(catalog, collection, aoiId, aoi, first, last,
                scenes.stream().map(SceneRef::id).toList(), index, colours, maxCloud, 0, 0);
        byte[] indexPng = provider.image(q);
        BufferedImage img = decode(indexPng, provider, "index", where);
        byte[] rgb = null;
        String noRgb = null;
        try {
            rgb = provider.image(q.withIndex(null));
            decode(rgb, provider, "true-colour", where);
        } catch (ImageNotOfferedException e) {
            noRgb = e.getMessage();
        }
        String note = provider.name() + " drew the month from its " + scenes.size() + " scene(s), least cloudy first: "
                + top.id() + (top.cloudCover() == null ? "" : String.format(Locale.ROOT, " (cloud cover %.2f%%)",
                top.cloudCover())) + "; the clear fraction over the AOI is not known (the provider returns an image, "
                + "not pixel counts), so minClearFraction does not apply"
                + (noRgb == null ? "" : "; no true-colour image: " + noRgb);
        return new Result(ItemStatus.DONE, null, top, scenes.size(), indexPng, rgb, img.getWidth(), img.getHeight(),
                note);
    }

    private static BufferedImage decode(byte[] png, EoProvider provider, String what, String where) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img != null) {
                return img;
            }
        } catch (IOException e) {
            throw new ItemDataException(provider.name() + " " + what + " image of " + where + " cannot be decoded: "
                    + e.getMessage(), e);
        }
        throw new ItemDataException(provider.name() + " " + what + " image of " + where + " is not an image ImageIO "
                + "reads (" + png.length + " bytes)", null);
    }
}
