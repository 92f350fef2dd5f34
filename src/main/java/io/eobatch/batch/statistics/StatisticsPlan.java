package io.eobatch.batch.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.eobatch.provider.EoProvider.ItemGranularity;
import io.eobatch.provider.SceneRef;

/**
 * How the scenes a provider found over one AOI become work items; shared by the plan step and the estimate so that
 * both count the same items.
 * <ul>
 *   <li>{@code SCENE} (stac): one item per scene, in acquisition order (then id); with {@code mosaic=day}, one per
 *       day with its scenes;</li>
 *   <li>{@code DAY} (observearth): one item per day with scenes;</li>
 *   <li>{@code INTERVAL} (sentinel-hub): the period is cut into aggregation intervals from {@code from} (the last
 *       one shortened to end with {@code to}), one item per interval with at least one scene.</li>
 * </ul>
 * Scenes acquired (UTC day) before {@code from} or after {@code to} make no item, whatever the granularity.
 */
public final class StatisticsPlan {

    /**
     * One planned item of an AOI.
     *
     * @param key      what follows the AOI id in the item key: the scene id, the day, or the interval's first day
     * @param sceneIds the scenes of the item, sorted
     * @param acquired the scene time, or 00:00Z of the day or of the interval's first day
     * @param from     first day of the item's interval
     * @param to       last day of the item's interval
     */
    public record Planned(String key, List<String> sceneIds, Instant acquired, LocalDate from, LocalDate to) {
    }

    private StatisticsPlan() {
    }

    public static List<Planned> plan(ItemGranularity granularity, boolean mosaicDay, Period interval, LocalDate from,
                                     LocalDate to, List<SceneRef> scenes) {
        List<Planned> out = new ArrayList<>();
        if (granularity == ItemGranularity.SCENE && !mosaicDay) {
            scenes.stream().sorted(Comparator.comparing(SceneRef::datetime).thenComparing(SceneRef::id)).forEach(s -> {
                LocalDate d = day(s.datetime());
                if (!d.isBefore(from) && !d.isAfter(to)) { // as below: the plan keeps to the period
                    out.add(new Planned(s.id(), List.of(s.id()), s.datetime(), d, d));
                }
            });
            return out;
        }
        Period step = granularity == ItemGranularity.INTERVAL ? interval : Period.ofDays(1);
        Map<LocalDate, List<String>> byStart = new TreeMap<>();
        for (SceneRef s : scenes) {
            LocalDate d = day(s.datetime());
            if (d.isBefore(from) || d.isAfter(to)) {
                continue; // a provider's search may be generous at the edges; the plan is not
            }
            byStart.computeIfAbsent(intervalStart(from, step, d), k -> new ArrayList<>()).add(s.id());
        }
        byStart.forEach((start, ids) -> {
            LocalDate end = intervalEnd(start, step, to);
            out.add(new Planned(start.toString(), ids.stream().distinct().sorted().toList(),
                    start.atStartOfDay(ZoneOffset.UTC).toInstant(), start, end));
        });
        return out;
    }

    /** The first day of the interval (of length {@code step}, counted from {@code from}) that holds {@code d}. */
    static LocalDate intervalStart(LocalDate from, Period step, LocalDate d) {
        if (step.equals(Period.ofDays(1))) {
            return d;
        }
        LocalDate start = from;
        while (!start.plus(step).isAfter(d)) {
            start = start.plus(step);
        }
        return start;
    }

    /** The last day of the interval starting on {@code start}, at most {@code to}. */
    public static LocalDate intervalEnd(LocalDate start, Period step, LocalDate to) {
        LocalDate end = start.plus(step).minusDays(1);
        return end.isAfter(to) ? to : end;
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
