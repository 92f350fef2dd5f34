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
 * assets, its status (NO_DATA, TOO_CLOUDY) in {@code eobatch:item_counts}.
 */
public final class TimelapseStac {

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
            out.add(new ResultsStac.ItemSpec(w.aoiId + "_" + month, w.aoiId, null, month, w.status.name(),
                    "DONE".equals(w.status.name()) ? List.of(w.sceneIdList()) : List.of(),
                    List.of(TimelapseOutputs.indexPng(w.aoiId, month, index),
                            TimelapseOutputs.truecolourPng(w.aoiId, month)), Map.of()));
        }
        for (String aoi : aois) {
            out.add(new ResultsStac.ItemSpec(aoi, aoi, null, null, null, null,
                    List.of(TimelapseOutputs.gif(aoi), TimelapseOutputs.manifest(aoi)), Map.of()));
        }
        return out;
    }
}
