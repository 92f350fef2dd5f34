package io.eobatch.batch.timelapse;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import io.eobatch.batch.ItemResult;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.image.TrueColour;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneRender;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.results.ResultsStore;
import io.eobatch.stac.StacItem;

/**
 * The images of one AOI x month of aoi-timelapse, written atomically into the results folder, and its frame (the
 * item's output, stored with its status by the writer).
 * <ul>
 *   <li>{@link #fromScenes}: from the scenes read here: each candidate's clear fraction inside the AOI (reading only
 *       the AOI's window), the clearest chosen ({@link SceneChoice}; TOO_CLOUDY or NO_DATA otherwise), its index and
 *       true-colour images drawn ({@link SceneRender});</li>
 *   <li>{@link #fromProvider}: from a remote provider's images ({@link ProviderMonth}): DONE without a clear
 *       fraction, the frame's note saying so, or NO_DATA without scenes.</li>
 * </ul>
 */
final class MonthImages {

    private static final Logger LOG = Logger.getLogger(MonthImages.class.getName());

    /** One AOI x month to draw, with the job's parameters and the month and AOI in words ({@code where}). */
    record Month(WorkItem item, Aoi aoi, YearMonth month, LocalDate[] days, String catalog, String collection,
                 SpectralIndex index, ColorMap colours, Double maxCloud, double minClearFraction, String where,
                 long execution) {

        String indexName() {
            return index.name().toLowerCase(Locale.ROOT);
        }

        ImageQuery query() {
            return new ImageQuery(catalog, collection, aoi.id(), aoi.geometry(), days[0], days[1], List.of(), index,
                    colours, maxCloud, 0, 0);
        }

        /** A frame of this month with its image paths; the caller fills in the scene. */
        TimelapseFrame frame(String truecolourPng) {
            TimelapseFrame f = new TimelapseFrame();
            f.workItemId = item.id;
            f.jobInstanceId = item.jobInstanceId;
            f.aoiId = aoi.id();
            f.month = month.toString();
            f.indexName = indexName();
            f.indexPng = TimelapseOutputs.indexPng(aoi.id(), month, indexName());
            f.truecolourPng = truecolourPng;
            return f;
        }
    }

    private final ResultsStore results;

    MonthImages(ResultsStore results) {
        this.results = results;
    }

    /** The month from the scenes read here: the clearest one drawn. */
    ItemResult fromScenes(SceneSource source, Month m, List<StacItem> scenes) throws IOException {
        List<SceneChoice.Candidate> candidates = new ArrayList<>();
        for (StacItem s : scenes) {
            IndexStatistics st = source.statistics(m.catalog(), m.collection(), List.of(s.id()), m.aoi().geometry(),
                    m.index(), CloudMask.DEFAULT);
            candidates.add(new SceneChoice.Candidate(s.id(), s.datetime(), st.pixelCount(), st.validCount(),
                    st.clearFraction()));
        }
        SceneChoice.Decision decision = SceneChoice.choose(candidates, m.minClearFraction(), m.where());
        if (decision.status() != ItemStatus.DONE) {
            LOG.info(() -> "execution " + m.execution() + ", item " + m.item().itemKey + ": " + decision.status()
                    + ": " + decision.reason());
            return ItemResult.of(m.item().id, decision.status(), decision.reason());
        }
        SceneChoice.Candidate chosen = decision.chosen().orElseThrow();
        SceneRender render = render(source, chosen.sceneId(), m);
        TimelapseFrame f = m.frame(TimelapseOutputs.truecolourPng(m.aoi().id(), m.month()));
        write(f, PngWriter.encode(render.indexImage(m.colours())),
                PngWriter.encode(render.trueColourImage(TrueColour.defaults(), false)));
        f.sceneId = chosen.sceneId();
        f.acquired = chosen.acquired();
        f.clearFraction = chosen.clearFraction();
        f.pixelCount = chosen.pixelCount();
        f.validCount = chosen.validCount();
        f.candidates = candidates.size();
        f.width = render.width();
        f.height = render.height();
        LOG.info(() -> "execution " + m.execution() + ", item " + m.item().itemKey + ": " + f.sceneId
                + " (clear fraction " + f.clearFraction + " of " + f.candidates + " scene(s)) rendered "
                + f.width + "x" + f.height);
        return new ItemResult(m.item().id, ItemStatus.DONE, null, null, f);
    }

    /** The month from a remote provider's images, stored as {@link #fromScenes} stores them. */
    ItemResult fromProvider(EoProvider provider, Month m) throws IOException {
        ProviderMonth.Result r = ProviderMonth.fetch(provider, m.catalog(), m.collection(), m.aoi().id(),
                m.aoi().geometry(), m.days()[0], m.days()[1], m.index(), m.colours(), m.maxCloud(), m.where());
        if (r.status() != ItemStatus.DONE) {
            LOG.info(() -> "execution " + m.execution() + ", item " + m.item().itemKey + ": " + r.status() + ": "
                    + r.reason());
            return ItemResult.of(m.item().id, r.status(), r.reason());
        }
        TimelapseFrame f = m.frame(r.truecolourPng() == null ? null
                : TimelapseOutputs.truecolourPng(m.aoi().id(), m.month()));
        write(f, r.indexPng(), r.truecolourPng());
        f.sceneId = r.scene().id();
        f.acquired = r.scene().datetime();
        f.candidates = r.candidates();
        f.width = r.width();
        f.height = r.height();
        f.note = r.note();
        LOG.info(() -> "execution " + m.execution() + ", item " + m.item().itemKey + ": " + provider.name()
                + " drew " + f.width + "x" + f.height + (f.truecolourPng == null ? " (index only)" : "")
                + ", least cloudy scene " + f.sceneId + " of " + f.candidates);
        return new ItemResult(m.item().id, ItemStatus.DONE, null, null, f);
    }

    private void write(TimelapseFrame f, byte[] indexPng, byte[] truecolourPng) throws IOException {
        results.write(f.jobInstanceId, f.indexPng, out -> out.write(indexPng));
        if (f.truecolourPng != null) {
            results.write(f.jobInstanceId, f.truecolourPng, out -> out.write(truecolourPng));
        }
    }

    /** Reads the chosen scene's index bands, red, green, blue and SCL over the AOI's window and renders it. */
    private static SceneRender render(SceneSource source, String sceneId, Month m) {
        Set<Band> needed = EnumSet.of(Band.RED, Band.GREEN, Band.BLUE);
        needed.addAll(m.index().bands());
        return source.withOpenScenes("scene " + sceneId + " (AOI " + m.aoi().id() + ")", scenes ->
                SceneRender.render(scenes.open(m.catalog(), m.collection(), sceneId, needed), m.aoi().geometry(),
                        m.index(), CloudMask.DEFAULT, true).orElseThrow(() -> new ItemDataException("scene "
                        + sceneId + " holds no pixel of AOI " + m.aoi().id() + " although its statistics counted "
                        + "some", null)));
    }
}
