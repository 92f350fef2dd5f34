package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.eobatch.batch.Estimate;
import io.eobatch.batch.JobXmlVersions;

/** The launch estimate's rules that need no server: a retry's share of its source, and which estimate a launch reuses. */
class LaunchEstimatesTest {

    private static ApiViews.LaunchEstimate source(Double cost, Long bytes) {
        return new ApiViews.LaunchEstimate(7, "ESTIMATE", "2026-01-01T00:00:00Z", null, 40L, 120L, bytes, cost,
                "processing units", 80.0, "requests per minute", null, null, null);
    }

    @Test
    void aRetryOfSomeItemsIsTheirShareOfTheSource() {
        Estimate.Total t = LaunchEstimates.scaled(source(10.0, 4_000L), 4, 2.0);
        assertEquals(4, t.items());
        assertEquals(12, t.requests());
        assertEquals(400, t.bytes());
        assertEquals(1.0, t.cost());
        assertEquals("processing units", t.costUnit());
        assertEquals(8.0, t.expectedSeconds());
        assertEquals("requests per minute", t.limitedBy());
        assertEquals(2.0, t.budget());
        assertEquals(true, t.withinBudget());
        assertEquals(false, LaunchEstimates.scaled(source(10.0, 4_000L), 4, 0.5).withinBudget());
    }

    @Test
    void unknownNumbersStayUnknownAndMoreFailuresThanItemsCountOnce() {
        Estimate.Total t = LaunchEstimates.scaled(source(null, null), 3, null);
        assertNull(t.cost());
        assertNull(t.bytes());
        assertNull(t.withinBudget());
        assertEquals(80.0, LaunchEstimates.scaled(source(null, null), 50, null).expectedSeconds(), "at most the whole");
    }

    @Test
    void aLaunchReusesAnEstimateOfTheSameUserJobAndParametersOnly() {
        var job = new io.eobatch.batch.statistics.StatisticsJob();
        Properties p = new Properties();
        p.setProperty("from", "2023-08-01");
        p.setProperty("partitions", "2");
        Properties launched = new Properties();
        launched.putAll(p);
        launched.setProperty(JobXmlVersions.PARAMETER, "abc"); // the server's own: not a parameter
        assertEquals(LaunchEstimates.key("op", job, p), LaunchEstimates.key("op", job, launched));
        assertNotEquals(LaunchEstimates.key("op", job, p), LaunchEstimates.key("other", job, p));
        Properties more = new Properties();
        more.putAll(p);
        more.setProperty("partitions", "3");
        assertNotEquals(LaunchEstimates.key("op", job, p), LaunchEstimates.key("op", job, more));
    }
}
