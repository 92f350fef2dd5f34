package io.eobatch.batch.timelapse;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStac;

/**
 * The STAC items of an aoi-timelapse execution: one per AOI and month of the ledger ({@code <aoiId>_<yyyy-MM>}, the
 * AOI's geometry, the month as start/end datetime, the index PNG (role overview) and the true-colour PNG (role
 * visual) as assets, the chosen scene as source scene), and one per AOI ({@code <aoiId>}, the whole period) with
 * the animated GIF and its manifest {@code timelapse.json}. A month without a usable scene is an item without
 * assets, its status (NO_DATA, TOO_CLOUDY) in {@code eobatch:item_counts}. The PNG assets carry
 * {@code raster:bands} (four 8-bit bands, RGBA); the images are not georeferenced files, so no {@code proj:} fields.
 */
public final class TimelapseStac {

    /** Images of a variable on the scenes' grid: processing level L3. */
    private static final Map<String, Object> LEVEL = Map.of("processing:level", "L3");

    /**
     * The PNGs' bands: red, green, blue and alpha, 8 bits each; no nodata value (what is not drawn is transparent),
     * no unit, scale or offset (colours, not measurements).
     */
    private static final Map<String, Object> RGBA_PNG = Map.of("raster:bands",
            List.of(Map.of("data_type", "uint8"), Map.of("data_type", "uint8"), Map.of("data_type", "uint8"),
                    Map.of("data_type", "uint8")));

    private TimelapseStac() {
    }

    /**
     * @param items the ledger items of the job instance (keys {@code aoiId/yyyy-MM})
     * @param index the job's index parameter (the index PNG's name)
     */
    public static List<ResultsStac.ItemSpec> items(List<WorkItem> items, String index) {
        List<ResultsStac.ItemSpec> out = new ArrayList<>();
        TreeSet<String> aois = new TreeSet<>();
        for (WorkItem w : items) {
            YearMonth month = YearMonth.parse(w.itemKey.substring(w.itemKey.lastIndexOf('/') + 1));
            aois.add(w.aoiId);
            String indexPng = TimelapseOutputs.indexPng(w.aoiId, month, index);
            String truecolourPng = TimelapseOutputs.truecolourPng(w.aoiId, month);
            out.add(new ResultsStac.ItemSpec(w.aoiId + "_" + month, w.aoiId, null, month, w.status.name(),
                    "DONE".equals(w.status.name()) ? List.of(w.sceneIdList()) : List.of(),
                    List.of(indexPng, truecolourPng), LEVEL,
                    Map.of(indexPng, RGBA_PNG, truecolourPng, RGBA_PNG)));
        }
        for (String aoi : aois) {
            out.add(new ResultsStac.ItemSpec(aoi, aoi, null, null, null, null,
                    List.of(TimelapseOutputs.gif(aoi), TimelapseOutputs.manifest(aoi)), LEVEL));
        }
        return out;
    }
}
