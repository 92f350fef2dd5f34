package io.eobatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;

/**
 * A worker's job XML ({@code batch-jobs/<job>-worker.xml}, {@link Workers}) is a copy of its main job's shared step
 * ({@link JobDefinition#sharedStep()}) and job properties (JSL has no include): the copy must not drift from the main
 * job, or a worker would fetch otherwise than the execution it joins; every job that declares a shared step has its
 * worker, and a worker's one step is the step its job declares.
 */
class WorkerJobsTest {

    static Stream<JobDefinition> jobs() {
        return Jobs.DEFINITIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyJobsSharedStepHasItsWorker(JobDefinition job) throws Exception {
        assertNotNull(job.sharedStep(), job.id() + " declares no shared step: with several nodes it would run on "
                + "its own node only");
        Path worker = Path.of("batch-jobs", job.id() + Workers.SUFFIX + ".xml");
        assertTrue(Files.isRegularFile(worker), job.id() + " shares step " + job.sharedStep().id() + " but has no "
                + worker);
        NodeList steps = parse(worker).getDocumentElement().getElementsByTagName("step");
        assertEquals(1, steps.getLength(), worker + ": the shared step alone");
        assertEquals(job.sharedStep().id(), ((Element) steps.item(0)).getAttribute("id"), worker
                + ": its step is the one " + job.id() + " declares shared");
    }

    @ParameterizedTest
    @MethodSource("workers")
    void everyWorkerBelongsToAJobThatSharesItsStep(Path worker) throws Exception {
        String name = worker.getFileName().toString();
        String job = name.substring(0, name.length() - (Workers.SUFFIX + ".xml").length());
        JobDefinition d = Jobs.definition(job).orElse(null);
        assertNotNull(d, worker + ": no job " + job);
        assertNotNull(d.sharedStep(), job + " declares no shared step, yet has " + worker);
    }

    @org.junit.jupiter.api.Test
    void aNodeJoinsTheDeclaredSharedStepAloneAndAFileWritingOneOnlyWhenItSeesTheFiles() {
        assertTrue(Workers.joins("aoi-statistics", "fetch-statistics", () -> false),
                "rows only: no shared files needed");
        assertTrue(Workers.joins("aoi-timelapse", "fetch-images", () -> true));
        assertFalse(Workers.joins("aoi-timelapse", "fetch-images", () -> false), "frames are read by make-gifs");
        assertTrue(Workers.joins("tiled-composite", "process-tiles", () -> true));
        assertFalse(Workers.joins("tiled-composite", "process-tiles", () -> false), "tiles are read by make-mosaic");
        assertFalse(Workers.joins("aoi-statistics", "plan-items", () -> true));
        assertFalse(Workers.joins("aoi-timelapse", "make-gifs", () -> true));
        assertFalse(Workers.joins("tiled-composite", "fetch-tiles", () -> true), "a name's prefix means nothing");
        assertFalse(Workers.joins("aoi-statistics-worker", "fetch-statistics", () -> true),
                "a worker is never joined");
        assertFalse(Workers.joins("no-such-job", "fetch-statistics", () -> true));
        // a step that writes no files never reads the other node's mark (the heartbeat asks for every running step)
        assertTrue(Workers.joins("aoi-statistics", "fetch-statistics", () -> {
            throw new AssertionError("the data directory was asked for a step that writes no files");
        }));
        assertTrue(Workers.shared("aoi-timelapse", "fetch-images"));
        assertFalse(Workers.shared("aoi-timelapse", "make-gifs"));
    }

    @org.junit.jupiter.api.Test
    void aSharedStepMustBeOneOfTheJobsSteps() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new JobDefinition("j",
                "d", List.of("plan-items", "fetch-x"), List.of(), new JobDefinition.SharedStep("fetch-y", false)));
    }

    static Stream<Path> workers() throws Exception {
        try (Stream<Path> all = Files.list(Path.of("batch-jobs"))) {
            List<Path> found = all.filter(p -> p.getFileName().toString().endsWith(Workers.SUFFIX + ".xml")).toList();
            assertFalse(found.isEmpty(), "no worker job XML in batch-jobs/");
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("workers")
    void theWorkersFetchStepAndPropertiesAreTheMainJobs(Path worker) throws Exception {
        String name = worker.getFileName().toString();
        Path main = worker.resolveSibling(name.substring(0, name.length() - (Workers.SUFFIX + ".xml").length())
                + ".xml");
        Document w = parse(worker);
        Document m = parse(main);
        Map<String, String> workerProperties = jobProperties(w);
        jobProperties(m).forEach((k, v) -> assertEquals(v, workerProperties.get(k), name + ": job property " + k
                + " as in " + main));
        NodeList steps = w.getDocumentElement().getElementsByTagName("step");
        assertEquals(1, steps.getLength(), name + ": the shared step alone");
        Element ws = (Element) steps.item(0);
        Element ms = step(m, ws.getAttribute("id"));
        assertNotNull(ms, main + " has no step " + ws.getAttribute("id"));
        // the main job's step goes on to its next steps and runs again on a restart: the worker's ends the job
        ms.removeAttribute("next");
        ms.removeAttribute("allow-start-if-complete");
        assertTrue(ms.isEqualNode(ws), name + ": step " + ws.getAttribute("id") + " differs from " + main);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setIgnoringComments(true);
        f.setIgnoringElementContentWhitespace(false);
        Document d = f.newDocumentBuilder().parse(file.toFile());
        strip(d.getDocumentElement());
        return d;
    }

    /** Removes the whitespace between elements (layout). */
    private static void strip(Node n) {
        for (Node c = n.getFirstChild(); c != null; ) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank()) {
                n.removeChild(c);
            } else {
                strip(c);
            }
            c = next;
        }
    }

    /** The job-level properties: name to value. */
    private static Map<String, String> jobProperties(Document d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node c = d.getDocumentElement().getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getLocalName().equals("properties")) {
                NodeList ps = e.getElementsByTagName("property");
                for (int i = 0; i < ps.getLength(); i++) {
                    Element p = (Element) ps.item(i);
                    out.put(p.getAttribute("name"), p.getAttribute("value"));
                }
            }
        }
        return out;
    }

    private static Element step(Document d, String id) {
        NodeList steps = d.getDocumentElement().getElementsByTagName("step");
        for (int i = 0; i < steps.getLength(); i++) {
            if (((Element) steps.item(i)).getAttribute("id").equals(id)) {
                return (Element) steps.item(i);
            }
        }
        return null;
    }
}
