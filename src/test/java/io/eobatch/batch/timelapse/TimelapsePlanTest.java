package io.eobatch.batch.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimelapsePlanTest {

    @Test
    void monthsRunFromTheMonthOfFromToTheMonthOfToAcrossYears() {
        assertEquals(List.of(YearMonth.of(2022, 11), YearMonth.of(2022, 12), YearMonth.of(2023, 1)),
                TimelapsePlan.months(LocalDate.parse("2022-11-30"), LocalDate.parse("2023-01-01")));
        assertEquals(List.of(YearMonth.of(2023, 8)),
                TimelapsePlan.months(LocalDate.parse("2023-08-10"), LocalDate.parse("2023-08-10")));
        assertThrows(IllegalArgumentException.class,
                () -> TimelapsePlan.months(LocalDate.parse("2023-08-10"), LocalDate.parse("2023-08-09")));
    }

    @Test
    void aMonthIsSearchedOnlyOverTheDaysOfThePeriodInIt() {
        LocalDate from = LocalDate.parse("2023-07-15");
        LocalDate to = LocalDate.parse("2023-09-10");
        assertEquals(List.of(LocalDate.parse("2023-07-15"), LocalDate.parse("2023-07-31")),
                List.of(TimelapsePlan.days(YearMonth.of(2023, 7), from, to)));
        assertEquals(List.of(LocalDate.parse("2023-08-01"), LocalDate.parse("2023-08-31")),
                List.of(TimelapsePlan.days(YearMonth.of(2023, 8), from, to)));
        assertEquals(List.of(LocalDate.parse("2023-09-01"), LocalDate.parse("2023-09-10")),
                List.of(TimelapsePlan.days(YearMonth.of(2024 - 1, 9), from, to)));
        assertEquals(List.of(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29")),
                List.of(TimelapsePlan.days(YearMonth.of(2024, 2), from, LocalDate.parse("2024-12-31"))), "leap year");
    }

    @Test
    void itemsAreInAoiThenMonthOrderAndItemNGoesToPartitionNModP() {
        List<TimelapsePlan.Item> plan = TimelapsePlan.plan(List.of("drava-b", "drava-a"),
                LocalDate.parse("2023-07-01"), LocalDate.parse("2023-08-31"), 2);
        assertEquals(List.of("drava-a/2023-07", "drava-a/2023-08", "drava-b/2023-07", "drava-b/2023-08"),
                plan.stream().map(TimelapsePlan.Item::key).toList());
        assertEquals(List.of(0, 1, 0, 1), plan.stream().map(TimelapsePlan.Item::partition).toList());
        assertEquals(List.of(0, 1, 2, 3), plan.stream().map(TimelapsePlan.Item::ordinal).toList());
        assertEquals(LocalDate.parse("2023-08-31"), plan.get(3).last());
    }

    @Test
    void duplicateAoisArePlannedOnceAndPartitionsMustBePositive() {
        assertEquals(3, TimelapsePlan.plan(List.of("a", "a"), LocalDate.parse("2023-01-01"),
                LocalDate.parse("2023-03-01"), 4).size());
        assertThrows(IllegalArgumentException.class, () -> TimelapsePlan.plan(List.of("a"),
                LocalDate.parse("2023-01-01"), LocalDate.parse("2023-03-01"), 0));
    }
}
