package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard on job XML changes: every job's current definition is listed in {@code batch-jobs/restartable.txt}, so
 * a change to a job XML fails here until its developer lists the new digest and decides about the previous one
 * (README, Deploying); and the digest ignores what cannot change a restart (comments, layout).
 */
class JobXmlVersionsTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a job -->
            <job id="j" version="2.0">
                <step id="plan-items"><batchlet ref="planItems"/></step>
            </job>
            """;

    static Stream<JobDefinition> jobs() {
        return Jobs.DEFINITIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyJobsCurrentDefinitionIsListed(JobDefinition job) throws Exception {
        String digest = JobXmlVersions.digest(Files.readString(Path.of("batch-jobs", job.id() + ".xml")));
        Set<String> listed = JobXmlVersions.listed(job.id(), Files.readString(Path.of("batch-jobs", "restartable.txt")));
        assertTrue(listed.contains(digest), "batch-jobs/" + job.id() + ".xml changed: add the line '" + job.id() + " "
                + digest + "' to batch-jobs/restartable.txt, and keep the lines of its earlier digests " + listed
                + " only if this definition restarts their executions correctly");
        assertEquals(digest, JobXmlVersions.current(job.id()), "the class path's copy is the one in batch-jobs/");
    }

    @Test
    void commentsAndLayoutDoNotChangeTheDigest() {
        String relaidOut = "<job id=\"j\"   version=\"2.0\"><!-- another comment -->\n<step id=\"plan-items\">\n"
                + "  <batchlet ref=\"planItems\"/>\n</step></job>";
        assertEquals(JobXmlVersions.digest(XML), JobXmlVersions.digest(relaidOut));
        assertEquals(16, JobXmlVersions.digest(XML).length());
    }

    @Test
    void aChangedStepOrArtifactChangesTheDigest() {
        assertNotEquals(JobXmlVersions.digest(XML), JobXmlVersions.digest(XML.replace("plan-items", "plan-tiles")));
        assertNotEquals(JobXmlVersions.digest(XML), JobXmlVersions.digest(XML.replace("planItems", "planTiles")));
    }

    @Test
    void onlyListedDigestsOfTheSameJobAreRestartable() {
        String list = "# comment line\naoi-statistics aaaa\naoi-statistics bbbb\ntiled-composite cccc\n";
        assertEquals(Set.of("aaaa", "bbbb"), JobXmlVersions.listed("aoi-statistics", list));
        assertEquals(Set.of("cccc"), JobXmlVersions.listed("tiled-composite", list));
        assertEquals(Set.of(), JobXmlVersions.listed("aoi-timelapse", list));
    }

    @Test
    void anExecutionWithoutARecordedDigestRestartsAsBefore() {
        assertTrue(JobXmlVersions.restartable("aoi-statistics", null));
        assertTrue(JobXmlVersions.restartable("aoi-statistics", JobXmlVersions.current("aoi-statistics")));
        assertFalse(JobXmlVersions.restartable("aoi-statistics", "0000000000000000"));
        assertFalse(JobXmlVersions.restartable("aoi-statistics", JobXmlVersions.current("tiled-composite")),
                "another job's digest");
    }

    @Test
    void theDigestIsHiddenFromTheParametersShown() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("from", "2023-01-01");
        p.setProperty(JobXmlVersions.PARAMETER, "d926a5761d30d9f0");
        p.setProperty("jberet.restartPosition", "x");
        assertEquals(java.util.Map.of("from", "2023-01-01"), JobProperties.visible(p));
    }
}
