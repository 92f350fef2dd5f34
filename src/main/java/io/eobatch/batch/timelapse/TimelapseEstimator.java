package io.eobatch.batch.timelapse;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.ExpectedDuration;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.StatisticsEstimator;
import io.eobatch.aoi.Aoi;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.Providers;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.StacItem;

/**
 * What an aoi-timelapse run would do, before it runs: per AOI the months (items), the months with scenes, the
 * catalog searches, the requests, bytes (stac) or processing units (sentinel-hub) and the expected duration under
 * the provider's limits. The estimate searches each AOI's whole period once (counted in {@code searchesMade}); the
 * run searches once per AOI and month ({@code catalogSearches}). No image is asked for, no COG read.
 *
 * <p>Per month with scenes the run makes: stac: the clear fraction of every scene (index bands and SCL over the AOI),
 * then the chosen scene's index and true-colour rendering (its index bands, SCL, and B02/B03/B04): two range
 * requests per asset and the asset's AOI window in bytes ({@link StatisticsEstimator#assetBytes});
 * sentinel-hub: a Catalog search and two Process API requests (index and true colour, native size: the AOI at
 * 10 m) whose processing units are computed as the run computes them ({@link EoProvider#imageCost});
 * observearth: a search and one image request (it draws no true colour).
 */
@ApplicationScoped
public class TimelapseEstimator {

    @Inject
    Providers providers;

    @Inject
    AoiRepository aois;

    /** The estimate of a launch of aoi-timelapse with these (validated) job properties. */
    public Map<String, Object> estimate(Properties p) {
        EoProvider provider = providers.get(p.getProperty("provider", StacProvider.NAME));
        boolean stac = provider.name().equals(StacProvider.NAME);
        List<Aoi> selected = aois.select(p.getProperty("aois"));
        SpectralIndex index = SpectralIndex.valueOf(p.getProperty("index", "ndvi").toUpperCase(Locale.ROOT));
        Double maxCloud = Jobs.cloudLimit(p.getProperty("maxCloudCover"));
        LocalDate from = LocalDate.parse(p.getProperty("from"));
        LocalDate to = LocalDate.parse(p.getProperty("to"));
        List<YearMonth> months = TimelapsePlan.months(from, to);
        String catalog = p.getProperty("catalog");
        String collection = p.getProperty("collection");
        Set<Band> rgb = EnumSet.of(Band.BLUE, Band.GREEN, Band.RED);

        List<Map<String, Object>> perAoi = new ArrayList<>();
        long items = 0;
        long withScenes = 0;
        long requests = 0;
        long scenesRead = 0; // stac's budget unit: per month with scenes, each candidate and the chosen one rendered
        long bytes = 0;
        double units = 0;
        for (Aoi aoi : selected.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            TreeMap<YearMonth, List<String>> byMonth = new TreeMap<>();
            long aoiBytes = 0;
            long aoiRequests = months.size(); // the run's search per month
            if (stac) {
                List<StacItem> scenes = ((StacProvider) provider).search(catalog, collection, aoi.geometry(), from,
                        to, maxCloud);
                TreeMap<YearMonth, StacItem> firstOfMonth = new TreeMap<>();
                for (StacItem s : scenes) {
                    YearMonth m = YearMonth.from(s.datetime().atZone(ZoneOffset.UTC));
                    byMonth.computeIfAbsent(m, k -> new ArrayList<>()).add(s.id());
                    firstOfMonth.putIfAbsent(m, s);
                    for (Band b : index.bands()) { // every candidate's clear fraction
                        aoiBytes += StatisticsEstimator.assetBytes(s, b.stacAssetKey(), aoi.geometry(), 2);
                        aoiRequests += 2;
                    }
                    aoiBytes += StatisticsEstimator.assetBytes(s, "scl", aoi.geometry(), 1);
                    aoiRequests += 2;
                }
                for (StacItem chosen : firstOfMonth.values()) { // the chosen scene rendered (index again, and RGB)
                    Set<Band> read = EnumSet.copyOf(index.bands());
                    read.addAll(rgb);
                    for (Band b : read) {
                        aoiBytes += StatisticsEstimator.assetBytes(chosen, b.stacAssetKey(), aoi.geometry(), 2);
                        aoiRequests += 2;
                    }
                    aoiBytes += StatisticsEstimator.assetBytes(chosen, "scl", aoi.geometry(), 1);
                    aoiRequests += 2;
                }
            } else {
                provider.search(new SceneSearch(catalog, collection, aoi.id(), aoi.geometry(), from, to, maxCloud))
                        .forEach(s -> byMonth.computeIfAbsent(YearMonth.from(s.datetime().atZone(ZoneOffset.UTC)),
                                k -> new ArrayList<>()).add(s.id()));
            }
            double aoiUnits = 0;
            if (!stac) {
                for (var m : byMonth.entrySet()) {
                    LocalDate[] days = TimelapsePlan.days(m.getKey(), from, to);
                    ImageQuery q = new ImageQuery(catalog, collection, aoi.id(), aoi.geometry(), days[0], days[1],
                            m.getValue(), index, null, maxCloud, 0, 0);
                    aoiUnits += provider.imageCost(q);
                    aoiRequests += 1;
                    if (provider.name().equals("sentinel-hub")) {
                        aoiUnits += provider.imageCost(q.withIndex(null));
                        aoiRequests += 1;
                    }
                }
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("aoiId", aoi.id());
            a.put("months", months.size());
            a.put("monthsWithScenes", byMonth.size());
            a.put("requests", aoiRequests);
            a.put("bytes", aoiBytes);
            a.put("cost", round(aoiUnits));
            perAoi.add(a);
            items += months.size();
            withScenes += byMonth.size();
            scenesRead += byMonth.values().stream().mapToLong(ids -> ids.size() + 1).sum();
            requests += aoiRequests;
            bytes += aoiBytes;
            units += aoiUnits;
        }
        boolean pu = provider.costUnit().equals("processing units");
        ExpectedDuration duration = ExpectedDuration.of(provider.name(), requests, pu ? units : 0);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("aois", selected.size());
        total.put("items", items);
        total.put("monthsWithScenes", withScenes);
        total.put("catalogSearches", items);
        total.put("searchesMade", selected.size());
        total.put("requests", requests);
        total.put("bytes", bytes);
        total.put("processingUnits", pu ? round(units) : 0);
        total.put("cost", stac ? scenesRead : round(units));
        total.put("costUnit", provider.costUnit());
        duration.into(total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", Jobs.AOI_TIMELAPSE);
        out.put("provider", provider.name());
        out.put("total", total);
        out.put("perAoi", perAoi);
        Map<String, Object> assumptions = new LinkedHashMap<>(duration.assumptions());
        if (stac) {
            assumptions.put("chosenScene", "the first of the month stands for the one the run chooses");
        }
        out.put("assumptions", assumptions);
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
