package io.eobatch.batch;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.Aoi;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.Providers;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.provider.sentinelhub.SentinelHubProvider;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.StacAsset;
import io.eobatch.stac.StacItem;

/**
 * What an aoi-statistics run would do, before it runs: per AOI the items (AOI x scene, or AOI x day), the catalog
 * searches made to find them (the only calls made: the estimate reads no COG), the range requests and bytes the run
 * would read, and the expected duration under the {@code stac} provider's limits. Bytes are an estimate from each
 * asset's {@code proj:shape}/{@code proj:transform}: the pixels of the AOI's bounding box on the asset's grid x bytes
 * per sample (2 for the 16-bit bands, 1 for SCL) x {@value #COMPRESSION} (DEFLATE on reflectances), plus one 16 KiB
 * header per file; a COG reads whole internal tiles, so small AOIs read more than this.
 */
@ApplicationScoped
public class StatisticsEstimator {

    /** Share of raw bytes left after DEFLATE on Sentinel-2 reflectances (a guess, documented). */
    static final double COMPRESSION = 0.6;
    /** Bytes of a COG header request. */
    static final long HEADER_BYTES = 16 * 1024;

    @Inject
    StacProvider stac;

    @Inject
    AoiRepository aois;

    @Inject
    Providers providers;

    /** The estimate of a launch with these (validated) job properties. */
    public Map<String, Object> estimate(Properties p) {
        String provider = p.getProperty("provider", StacProvider.NAME);
        if (!provider.equals(StacProvider.NAME)) {
            return estimateRemote(providers.get(provider), p);
        }
        List<Aoi> selected = aois.select(p.getProperty("aois"));
        SpectralIndex index = SpectralIndex.valueOf(p.getProperty("index", "ndvi").toUpperCase(Locale.ROOT));
        boolean byDay = "day".equals(p.getProperty("mosaic"));
        Double maxCloud = Jobs.cloudLimit(p.getProperty("maxCloudCover"));
        List<Map<String, Object>> perAoi = new ArrayList<>();
        long items = 0;
        long scenesRead = 0; // the budget's unit for stac: one per scene read, per item or per day mosaic
        long requests = 0;
        long bytes = 0;
        for (Aoi aoi : selected) {
            List<StacItem> scenes = stac.search(p.getProperty("catalog"), p.getProperty("collection"), aoi.geometry(),
                    LocalDate.parse(p.getProperty("from")), LocalDate.parse(p.getProperty("to")), maxCloud);
            long aoiItems = byDay ? scenes.stream().map(s -> s.datetime().atZone(ZoneOffset.UTC).toLocalDate())
                    .collect(Collectors.toSet()).size() : scenes.size();
            long aoiRequests = 0;
            long aoiBytes = 0;
            for (StacItem s : scenes) {
                for (Band b : index.bands()) {
                    aoiBytes += assetBytes(s, b.stacAssetKey(), aoi.geometry(), 2);
                    aoiRequests += 2;
                }
                aoiBytes += assetBytes(s, "scl", aoi.geometry(), 1);
                aoiRequests += 2;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aoiId", aoi.id());
            m.put("scenes", scenes.size());
            scenesRead += scenes.size();
            m.put("items", Math.max(aoiItems, 1));
            m.put("requests", aoiRequests);
            m.put("bytes", aoiBytes);
            perAoi.add(m);
            items += Math.max(aoiItems, 1);
            requests += aoiRequests;
            bytes += aoiBytes;
        }
        ExpectedDuration duration = ExpectedDuration.of(StacProvider.NAME, requests, 0);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("aois", selected.size());
        total.put("items", items);
        total.put("catalogSearches", selected.size());
        total.put("requests", requests);
        total.put("bytes", bytes);
        total.put("processingUnits", 0);
        total.put("cost", scenesRead);
        total.put("costUnit", "scenes");
        duration.into(total);
        budget(total, p, scenesRead);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", Jobs.AOI_STATISTICS);
        out.put("provider", "stac");
        out.put("total", total);
        out.put("perAoi", perAoi);
        Map<String, Object> assumptions = new LinkedHashMap<>(duration.assumptions());
        assumptions.put("compression", COMPRESSION);
        assumptions.put("headerBytes", HEADER_BYTES);
        out.put("assumptions", assumptions);
        return out;
    }

    /**
     * A remote provider: per AOI the catalog search the plan makes (made here too, and counted), the items as the
     * plan would cut them, one paid request per item and its cost computed as the run computes it (Sentinel Hub
     * processing units from the published definition), no paid call. Duration: the largest of requests x latency /
     * max-in-flight, requests / requests-per-minute and units / units-per-minute.
     */
    Map<String, Object> estimateRemote(EoProvider provider, Properties p) {
        List<Aoi> selected = aois.select(p.getProperty("aois"));
        SpectralIndex index = SpectralIndex.valueOf(p.getProperty("index", "ndvi").toUpperCase(Locale.ROOT));
        Double maxCloud = Jobs.cloudLimit(p.getProperty("maxCloudCover"));
        LocalDate from = LocalDate.parse(p.getProperty("from"));
        LocalDate to = LocalDate.parse(p.getProperty("to"));
        Period step = Period.parse(p.getProperty("interval", "P1D"));
        List<Map<String, Object>> perAoi = new ArrayList<>();
        long items = 0;
        long requests = 0;
        double cost = 0;
        double catalogUnits = 0;
        for (Aoi aoi : selected.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            SceneSearch search = new SceneSearch(p.getProperty("catalog"), p.getProperty("collection"), aoi.id(),
                    aoi.geometry(), from, to, maxCloud);
            List<SceneRef> scenes = provider.search(search);
            if (provider instanceof SentinelHubProvider sh) {
                catalogUnits += sh.searchCost(search);
            }
            List<StatisticsPlan.Planned> planned = StatisticsPlan.plan(provider.granularity(),
                    "day".equals(p.getProperty("mosaic")), step, from, to, scenes);
            double aoiCost = 0;
            for (StatisticsPlan.Planned i : planned) {
                aoiCost += provider.statisticsCost(new StatisticsQuery(p.getProperty("catalog"),
                        p.getProperty("collection"), aoi.id(), aoi.geometry(), i.from(), i.to(), i.sceneIds(), index,
                        maxCloud));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aoiId", aoi.id());
            m.put("scenes", scenes.size());
            m.put("items", Math.max(planned.size(), 1)); // an AOI without scenes is one NO_DATA item, no call
            m.put("requests", planned.size());
            m.put("cost", round(aoiCost));
            perAoi.add(m);
            items += Math.max(planned.size(), 1);
            requests += planned.size();
            cost += aoiCost;
        }
        boolean units = provider.costUnit().equals("processing units");
        ExpectedDuration duration = ExpectedDuration.of(provider.name(), requests, units ? cost : 0);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("aois", selected.size());
        total.put("items", items);
        total.put("catalogSearches", (long) selected.size() * provider.searchRequests());
        total.put("requests", requests);
        total.put("bytes", 0);
        total.put("processingUnits", units ? round(cost) : 0);
        if (units) {
            total.put("catalogProcessingUnits", round(catalogUnits));
        }
        total.put("cost", round(cost));
        total.put("costUnit", provider.costUnit());
        duration.into(total);
        budget(total, p, cost);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", Jobs.AOI_STATISTICS);
        out.put("provider", provider.name());
        out.put("total", total);
        out.put("perAoi", perAoi);
        Map<String, Object> assumptions = new LinkedHashMap<>(duration.assumptions());
        assumptions.put("retries", "not counted: a retried request costs again only if the provider charges failures");
        out.put("assumptions", assumptions);
        return out;
    }

    /** With a budget: whether the estimated cost fits it. */
    private static void budget(Map<String, Object> total, Properties p, double cost) {
        String b = p.getProperty("budget");
        if (b != null && !b.isBlank()) {
            total.put("budget", Double.parseDouble(b));
            total.put("withinBudget", cost <= Double.parseDouble(b));
        }
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }

    /** Bytes one asset would cost for the AOI: header + the AOI window's pixels on the asset's grid, compressed. */
    public static long assetBytes(StacItem item, String key, Geometry aoiWgs84, int bytesPerSample) {
        StacAsset a = item.asset(key).orElse(null);
        if (a == null || a.projShape() == null || a.projTransform() == null || item.epsg() == null) {
            return HEADER_BYTES;
        }
        double[] t = a.projTransform();
        int rows = a.projShape()[0];
        int cols = a.projShape()[1];
        Envelope e = Reprojection.fromWgs84(aoiWgs84, item.epsg()).getEnvelopeInternal();
        double c0 = Math.max(0, Math.floor((e.getMinX() - t[2]) / t[0]));
        double c1 = Math.min(cols, Math.ceil((e.getMaxX() - t[2]) / t[0]));
        double r0 = Math.max(0, Math.floor((e.getMaxY() - t[5]) / t[4]));
        double r1 = Math.min(rows, Math.ceil((e.getMinY() - t[5]) / t[4]));
        double pixels = Math.max(0, c1 - c0) * Math.max(0, r1 - r0);
        return HEADER_BYTES + Math.round(pixels * bytesPerSample * COMPRESSION);
    }
}
