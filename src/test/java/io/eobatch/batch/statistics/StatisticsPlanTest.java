package io.eobatch.batch.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eobatch.batch.statistics.StatisticsPlan.Planned;
import io.eobatch.provider.EoProvider.ItemGranularity;
import io.eobatch.provider.SceneRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How found scenes become work items, per granularity: the scenes are those of the real drava catalog
 * (shared/data/s2l2a-drava-2023-08: ids, datetimes and cloud cover of its 10 Earth Search items, two MGRS tiles on
 * five dates), given in a shuffled order, plus a few made-up ones at the edges of the period.
 */
class StatisticsPlanTest {

    private static final LocalDate AUG_1 = LocalDate.of(2023, 8, 1);
    private static final LocalDate AUG_31 = LocalDate.of(2023, 8, 31);

    /** The drava items in acquisition order (tile 33TWM a few seconds before 33TWL on each date). */
    private static final List<SceneRef> DRAVA = List.of(
            scene("S2B_33TWM_20230810_0_L2A", "2023-08-10T09:57:57.166Z", 70.626998),
            scene("S2B_33TWL_20230810_0_L2A", "2023-08-10T09:58:11.590Z", 69.286209),
            scene("S2B_33TWM_20230813_0_L2A", "2023-08-13T10:07:53.782Z", 1.112399),
            scene("S2B_33TWL_20230813_0_L2A", "2023-08-13T10:08:07.856Z", 1.702489),
            scene("S2A_33TWM_20230815_0_L2A", "2023-08-15T09:57:57.246Z", 0.207328),
            scene("S2A_33TWL_20230815_0_L2A", "2023-08-15T09:58:11.662Z", 0.20399),
            scene("S2A_33TWM_20230818_0_L2A", "2023-08-18T10:07:54.167Z", 43.856794),
            scene("S2A_33TWL_20230818_0_L2A", "2023-08-18T10:08:08.248Z", 45.745239),
            scene("S2B_33TWM_20230820_0_L2A", "2023-08-20T09:57:56.646Z", 1.33675),
            scene("S2B_33TWL_20230820_0_L2A", "2023-08-20T09:58:11.072Z", 8.066346));

    private static SceneRef scene(String id, String datetime, Double cloud) {
        return new SceneRef(id, Instant.parse(datetime), cloud);
    }

    private static List<SceneRef> shuffled(List<SceneRef> scenes) {
        List<SceneRef> s = new ArrayList<>(scenes);
        Collections.shuffle(s, new java.util.Random(42));
        return s;
    }

    private static List<SceneRef> with(List<SceneRef> a, SceneRef... more) {
        List<SceneRef> s = new ArrayList<>(a);
        s.addAll(List.of(more));
        return shuffled(s);
    }

    private static Planned planned(String key, List<String> ids, String acquired, String from, String to) {
        return new Planned(key, ids, Instant.parse(acquired), LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void sceneItemsAreOnePerSceneInAcquisitionOrder() {
        // two scenes at the same instant: the id decides
        SceneRef tieB = scene("Z_TIE_B", "2023-08-25T10:00:00Z", null);
        SceneRef tieA = scene("Z_TIE_A", "2023-08-25T10:00:00Z", null);
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.SCENE, false, Period.ofDays(1), AUG_1, AUG_31,
                with(DRAVA, tieB, tieA));

        List<Planned> expected = new ArrayList<>();
        for (SceneRef s : DRAVA) {
            LocalDate d = LocalDate.parse(s.datetime().toString().substring(0, 10));
            expected.add(new Planned(s.id(), List.of(s.id()), s.datetime(), d, d));
        }
        expected.add(planned("Z_TIE_A", List.of("Z_TIE_A"), "2023-08-25T10:00:00Z", "2023-08-25", "2023-08-25"));
        expected.add(planned("Z_TIE_B", List.of("Z_TIE_B"), "2023-08-25T10:00:00Z", "2023-08-25", "2023-08-25"));
        assertEquals(expected, plan);
        assertEquals("S2B_33TWM_20230810_0_L2A", plan.get(0).key());
        assertEquals(LocalDate.of(2023, 8, 10), plan.get(0).from());
    }

    @Test
    void sceneItemsOutsideThePeriodAreDropped() {
        // a search may be generous at the edges (a catalog's day in another time zone, an inclusive end); the plan is not
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.SCENE, false, Period.ofDays(1), AUG_1, AUG_31,
                with(DRAVA, scene("EARLY", "2023-07-31T23:59:59Z", 1.0), scene("LATE", "2023-09-01T00:00:00Z", 1.0),
                        scene("FIRST", "2023-08-01T00:00:00Z", 1.0), scene("LAST", "2023-08-31T23:59:59.999Z", 1.0)));
        assertEquals(12, plan.size(), plan.toString());
        assertEquals("FIRST", plan.get(0).key());
        assertEquals("LAST", plan.get(11).key());
    }

    @Test
    void mosaicDayIsOneItemPerDayWithItsScenes() {
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.SCENE, true, Period.ofDays(1), AUG_1, AUG_31,
                shuffled(DRAVA));
        assertEquals(List.of(
                planned("2023-08-10", List.of("S2B_33TWL_20230810_0_L2A", "S2B_33TWM_20230810_0_L2A"),
                        "2023-08-10T00:00:00Z", "2023-08-10", "2023-08-10"),
                planned("2023-08-13", List.of("S2B_33TWL_20230813_0_L2A", "S2B_33TWM_20230813_0_L2A"),
                        "2023-08-13T00:00:00Z", "2023-08-13", "2023-08-13"),
                planned("2023-08-15", List.of("S2A_33TWL_20230815_0_L2A", "S2A_33TWM_20230815_0_L2A"),
                        "2023-08-15T00:00:00Z", "2023-08-15", "2023-08-15"),
                planned("2023-08-18", List.of("S2A_33TWL_20230818_0_L2A", "S2A_33TWM_20230818_0_L2A"),
                        "2023-08-18T00:00:00Z", "2023-08-18", "2023-08-18"),
                planned("2023-08-20", List.of("S2B_33TWL_20230820_0_L2A", "S2B_33TWM_20230820_0_L2A"),
                        "2023-08-20T00:00:00Z", "2023-08-20", "2023-08-20")), plan);
    }

    @Test
    void dayItemsAreOnePerDateWithScenesOnce() {
        // ObservEarth gives dates (00:00Z); the same scene twice (two pages) counts once
        List<SceneRef> scenes = with(List.of(
                scene("S2B_MSIL2A_20230802T100559", "2023-08-02T00:00:00Z", 3.12),
                scene("S2A_MSIL2A_20230807T100601", "2023-08-07T00:00:00Z", 8.75),
                scene("S2A_MSIL2A_20230807T100601", "2023-08-07T00:00:00Z", 8.75),
                scene("S2B_MSIL2A_20230901T100559", "2023-09-01T00:00:00Z", 2.0)));
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.DAY, false, Period.ofDays(1), AUG_1, AUG_31, scenes);
        assertEquals(List.of(
                planned("2023-08-02", List.of("S2B_MSIL2A_20230802T100559"), "2023-08-02T00:00:00Z", "2023-08-02",
                        "2023-08-02"),
                planned("2023-08-07", List.of("S2A_MSIL2A_20230807T100601"), "2023-08-07T00:00:00Z", "2023-08-07",
                        "2023-08-07")), plan);
        // the drava dates, whatever the time of day
        assertEquals(List.of("2023-08-10", "2023-08-13", "2023-08-15", "2023-08-18", "2023-08-20"),
                StatisticsPlan.plan(ItemGranularity.DAY, false, Period.ofDays(1), AUG_1, AUG_31, shuffled(DRAVA))
                        .stream().map(Planned::key).toList());
    }

    @Test
    void fiveDayIntervalsWithScenesOnly() {
        // P5D from Aug 1: 01-05, 06-10, 11-15, 16-20, 21-25, 26-30, 31 (shortened)
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.INTERVAL, false, Period.ofDays(5), AUG_1, AUG_31,
                with(DRAVA, scene("LAST_DAY", "2023-08-31T10:00:00Z", 5.0),
                        scene("BEFORE", "2023-07-31T10:00:00Z", 5.0), scene("AFTER", "2023-09-01T00:00:00Z", 5.0)));
        assertEquals(List.of(
                planned("2023-08-06", List.of("S2B_33TWL_20230810_0_L2A", "S2B_33TWM_20230810_0_L2A"),
                        "2023-08-06T00:00:00Z", "2023-08-06", "2023-08-10"),
                planned("2023-08-11", List.of("S2A_33TWL_20230815_0_L2A", "S2A_33TWM_20230815_0_L2A",
                        "S2B_33TWL_20230813_0_L2A", "S2B_33TWM_20230813_0_L2A"),
                        "2023-08-11T00:00:00Z", "2023-08-11", "2023-08-15"),
                planned("2023-08-16", List.of("S2A_33TWL_20230818_0_L2A", "S2A_33TWM_20230818_0_L2A",
                        "S2B_33TWL_20230820_0_L2A", "S2B_33TWM_20230820_0_L2A"),
                        "2023-08-16T00:00:00Z", "2023-08-16", "2023-08-20"),
                planned("2023-08-31", List.of("LAST_DAY"), "2023-08-31T00:00:00Z", "2023-08-31", "2023-08-31")),
                plan);
    }

    @Test
    void monthIntervalsFromMidMonthWithTheLastShortened() {
        LocalDate from = LocalDate.of(2023, 7, 15);
        LocalDate to = LocalDate.of(2023, 9, 20);
        List<Planned> plan = StatisticsPlan.plan(ItemGranularity.INTERVAL, false, Period.ofMonths(1), from, to,
                with(DRAVA, scene("SEP_16", "2023-09-16T10:00:00Z", 1.0), scene("SEP_21", "2023-09-21T10:00:00Z", 1.0),
                        scene("JUL_14", "2023-07-14T10:00:00Z", 1.0)));
        assertEquals(List.of(
                planned("2023-07-15", List.of("S2B_33TWL_20230810_0_L2A", "S2B_33TWL_20230813_0_L2A",
                        "S2B_33TWM_20230810_0_L2A", "S2B_33TWM_20230813_0_L2A"),
                        "2023-07-15T00:00:00Z", "2023-07-15", "2023-08-14"),
                planned("2023-08-15", List.of("S2A_33TWL_20230815_0_L2A", "S2A_33TWL_20230818_0_L2A",
                        "S2A_33TWM_20230815_0_L2A", "S2A_33TWM_20230818_0_L2A", "S2B_33TWL_20230820_0_L2A",
                        "S2B_33TWM_20230820_0_L2A"),
                        "2023-08-15T00:00:00Z", "2023-08-15", "2023-09-14"),
                planned("2023-09-15", List.of("SEP_16"), "2023-09-15T00:00:00Z", "2023-09-15", "2023-09-20")), plan);
    }

    @Test
    void intervalsTileThePeriodWithoutGapOrOverlap() {
        // a scene every day of 2024 (a leap year); monthly intervals from Jan 31 end on the 27th/28th of later
        // months (LocalDate.plus clamps Feb 31 to Feb 29), but every day is in exactly one item
        LocalDate from = LocalDate.of(2024, 1, 31);
        LocalDate to = LocalDate.of(2024, 12, 31);
        for (Period step : List.of(Period.ofMonths(1), Period.ofDays(5), Period.ofDays(7), Period.ofDays(1))) {
            List<SceneRef> daily = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                daily.add(scene("S_" + d, d + "T10:00:00Z", 1.0));
            }
            List<Planned> plan = StatisticsPlan.plan(ItemGranularity.INTERVAL, false, step, from, to, shuffled(daily));
            LocalDate next = from;
            int scenes = 0;
            for (Planned p : plan) {
                assertEquals(next, p.from(), step + ": " + p);
                assertEquals(p.from().toString(), p.key());
                assertEquals(StatisticsPlan.intervalEnd(p.from(), step, to), p.to(), step + ": " + p);
                assertEquals((int) (p.to().toEpochDay() - p.from().toEpochDay() + 1), p.sceneIds().size(),
                        step + ": one scene a day in " + p);
                scenes += p.sceneIds().size();
                next = p.to().plusDays(1);
            }
            assertEquals(to.plusDays(1), next, step + ": the last item ends with the period");
            assertEquals(daily.size(), scenes, step.toString());
        }
    }
}
