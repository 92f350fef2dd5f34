package io.eobatch.batch.timelapse;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of an aoi-timelapse run: one item per AOI and calendar month touched by the period, in plan order (AOI id,
 * then month); item {@code n} of the plan goes to partition {@code n mod partitions}, fixed for good. Each month is
 * searched only over the days of the period in it (a period from 2023-07-15 searches July from the 15th).
 */
public final class TimelapsePlan {

    /**
     * One planned item.
     *
     * @param ordinal   position in plan order, 0-based
     * @param partition {@code ordinal mod partitions}
     * @param aoiId     the AOI
     * @param month     the calendar month
     * @param first     first day searched (the month's first day, or the period's start), inclusive
     * @param last      last day searched (the month's last day, or the period's end), inclusive
     */
    public record Item(int ordinal, int partition, String aoiId, YearMonth month, LocalDate first, LocalDate last) {

        /** The idempotency key in the ledger: {@code aoiId/yyyy-MM}. */
        public String key() {
            return aoiId + "/" + month;
        }
    }

    private TimelapsePlan() {
    }

    /** The calendar months from the one of {@code from} to the one of {@code to}, both included. */
    public static List<YearMonth> months(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** The days of {@code month} inside [from, to]: {first, last}. */
    public static LocalDate[] days(YearMonth month, LocalDate from, LocalDate to) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return new LocalDate[] {first.isBefore(from) ? from : first, last.isAfter(to) ? to : last};
    }

    /**
     * The plan for AOIs (sorted by id here) over [from, to].
     *
     * @param partitions number of partitions, >= 1
     */
    public static List<Item> plan(List<String> aoiIds, LocalDate from, LocalDate to, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        List<YearMonth> months = months(from, to);
        List<Item> out = new ArrayList<>();
        for (String aoi : aoiIds.stream().sorted().distinct().toList()) {
            for (YearMonth m : months) {
                LocalDate[] d = days(m, from, to);
                int n = out.size();
                out.add(new Item(n, n % partitions, aoi, m, d[0], d[1]));
            }
        }
        return out;
    }
}
