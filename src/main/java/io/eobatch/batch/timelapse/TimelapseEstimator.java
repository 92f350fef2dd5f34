package io.eobatch.batch.timelapse;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.CogReads;
import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.Estimate;
import io.eobatch.batch.ExpectedDuration;
import io.eobatch.batch.JobEstimator;
import io.eobatch.batch.JobProperties;
import io.eobatch.aoi.Aoi;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.stats.Band;
import io.eobatch.stac.StacItem;

/**
 * What an aoi-timelapse run would do, before it runs: per AOI the months (items), the months with scenes, the
 * catalog searches, the requests, bytes (scenes read here) or processing units and the expected duration under
 * the provider's limits. The estimate searches each AOI's whole period once (counted in {@code searchesMade}); the
 * run searches once per AOI and month ({@code catalogSearches}). No image is asked for, no COG read.
 *
 * <p>Per month with scenes the run makes: scenes read here: the clear fraction of every scene (index bands and SCL
 * over the AOI), then the chosen scene's index and true-colour rendering (its index bands, SCL, and B02/B03/B04):
 * {@link CogReads}; a remote provider: its search and an index image request, and a true-colour one where it draws
 * true colour, whose cost is computed as the run computes it ({@link EoProvider#imageCost}).
 */
@ApplicationScoped
public class TimelapseEstimator extends JobEstimator {

    /** The estimate of a launch of aoi-timelapse with these (validated) job properties. */
    @Override
    public Estimate estimate(JobProperties p) {
        EoProvider provider = providers.get(p.get("provider"));
        SceneSource source = provider.scenes().orElse(null);
        List<Aoi> selected = selectedAois(p);
        List<YearMonth> months = TimelapsePlan.months(p.date("from"), p.date("to"));
        List<Estimate.PerAoi> perAoi = new ArrayList<>();
        long items = 0;
        long withScenes = 0;
        long requests = 0;
        long scenesRead = 0; // the budget's unit when scenes are read here: each candidate and the chosen one
        long bytes = 0;
        double units = 0;
        for (Aoi aoi : selected) {
            TreeMap<YearMonth, List<String>> byMonth = new TreeMap<>();
            CogReads reads = new CogReads(months.size(), 0); // the run's search per month
            double aoiUnits = 0;
            if (source != null) {
                reads = reads.plus(readHere(source, p, aoi, byMonth));
            } else {
                provider.search(new SceneSearch(p.get("catalog"), p.get("collection"), aoi.id(), aoi.geometry(),
                        p.date("from"), p.date("to"), p.cloudLimit())).forEach(s -> byMonth.computeIfAbsent(
                        YearMonth.from(s.datetime().atZone(ZoneOffset.UTC)), k -> new ArrayList<>()).add(s.id()));
                for (var m : byMonth.entrySet()) {
                    LocalDate[] days = TimelapsePlan.days(m.getKey(), p.date("from"), p.date("to"));
                    ImageQuery q = new ImageQuery(p.get("catalog"), p.get("collection"), aoi.id(), aoi.geometry(),
                            days[0], days[1], m.getValue(), p.index(), null, p.cloudLimit(), 0, 0);
                    aoiUnits += provider.imageCost(q);
                    reads = reads.plus(new CogReads(1, 0));
                    if (provider.capabilities().trueColourImages()) {
                        aoiUnits += provider.imageCost(q.withIndex(null));
                        reads = reads.plus(new CogReads(1, 0));
                    }
                }
            }
            perAoi.add(new Estimate.PerAoi(aoi.id(), months.size(), (long) byMonth.size(), null, null,
                    reads.requests(), reads.bytes(), Estimate.round(aoiUnits)));
            items += months.size();
            withScenes += byMonth.size();
            scenesRead += byMonth.values().stream().mapToLong(ids -> ids.size() + 1).sum();
            requests += reads.requests();
            bytes += reads.bytes();
            units += aoiUnits;
        }
        boolean pu = provider.costUnit().equals("processing units");
        ExpectedDuration d = ExpectedDuration.of(provider.name(), provider.capabilities().defaultLatencyMs(),
                requests, pu ? units : 0);
        Estimate.Total total = new Estimate.Total(selected.size(), items, withScenes, null, null, null, items,
                (long) selected.size(), requests, bytes, pu ? Estimate.round(units) : 0.0, null,
                source != null ? (double) scenesRead : Estimate.round(units), provider.costUnit(), d.seconds(),
                d.limitedBy(), null, null);
        Map<String, Object> assumptions = new LinkedHashMap<>(d.assumptions());
        if (source != null) {
            assumptions.put("chosenScene", "the first of the month stands for the one the run chooses");
        }
        return new Estimate(TimelapseJob.ID, provider.name(), null, null, total, perAoi, assumptions);
    }

    /** Scenes read here: every candidate's clear fraction, then the chosen one drawn in index and true colour. */
    private static CogReads readHere(SceneSource source, JobProperties p, Aoi aoi,
                                     TreeMap<YearMonth, List<String>> byMonth) {
        List<StacItem> scenes = source.search(p.get("catalog"), p.get("collection"), aoi.geometry(), p.date("from"),
                p.date("to"), p.cloudLimit());
        TreeMap<YearMonth, StacItem> firstOfMonth = new TreeMap<>();
        CogReads reads = CogReads.NONE;
        for (StacItem s : scenes) {
            YearMonth m = YearMonth.from(s.datetime().atZone(ZoneOffset.UTC));
            byMonth.computeIfAbsent(m, k -> new ArrayList<>()).add(s.id());
            firstOfMonth.putIfAbsent(m, s);
            reads = reads.plus(CogReads.of(s, p.index().bands(), aoi.geometry()));
        }
        Set<Band> drawn = EnumSet.copyOf(p.index().bands());
        drawn.addAll(EnumSet.of(Band.BLUE, Band.GREEN, Band.RED));
        for (StacItem chosen : firstOfMonth.values()) {
            reads = reads.plus(CogReads.of(chosen, drawn, aoi.geometry()));
        }
        return reads;
    }
}
