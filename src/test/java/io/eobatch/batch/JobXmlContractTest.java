package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Named;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The contract between each job of the registry ({@link Jobs#DEFINITIONS}) and its job XML, both ways: every
 * parameter the XML reads is declared in the job's specs with the same default, every declared one is read, the
 * artifacts and steps read only the job-level properties, the steps are the definition's (verb-noun ids), and every
 * artifact the XML names is a {@code @Named} class of the job's package or of the shared batch package.
 */
class JobXmlContractTest {

    private static final Pattern JOB_PARAMETER = Pattern.compile("^#\\{jobParameters\\['([A-Za-z]+)'\\]\\}(?:\\?:(.*);)?$");
    private static final Pattern JOB_PROPERTY = Pattern.compile("#\\{jobProperties\\['([A-Za-z]+)'\\]\\}");

    static Stream<JobDefinition> jobs() {
        return Jobs.DEFINITIONS.stream();
    }

    private static Document xml(JobDefinition job) throws Exception {
        Path file = Path.of("batch-jobs", job.id() + ".xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The job-level properties: name to [parameter read, default or null]. */
    private static Map<String, String[]> jobProperties(Document doc) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (Element p : children(children(doc.getDocumentElement(), "properties").get(0), "property")) {
            Matcher m = JOB_PARAMETER.matcher(p.getAttribute("value"));
            assertTrue(m.matches(), "a job-level property reads one job parameter: " + p.getAttribute("value"));
            out.put(p.getAttribute("name"), new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theRegistryHoldsEachJobClassWithItsDefinition(JobDefinition job) throws Exception {
        EoJob instance = Jobs.TYPES.get(Jobs.DEFINITIONS.indexOf(job)).getConstructor().newInstance();
        assertEquals(job, instance.definition());
        assertEquals(job, Jobs.definition(job.id()).orElseThrow());
        assertTrue(job.parameter("retryOf") != null && job.parameter("skipLimit") != null, job.id());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyParameterIsDeclaredOnceWithTheSameDefaultBothWays(JobDefinition job) throws Exception {
        Document doc = xml(job);
        assertEquals(job.id(), doc.getDocumentElement().getAttribute("id"));
        Map<String, String[]> props = jobProperties(doc);
        for (var e : props.entrySet()) {
            assertEquals(e.getKey(), e.getValue()[0], "property " + e.getKey() + " reads the parameter of its name");
            ParameterSpec spec = job.parameter(e.getKey());
            assertNotNull(spec, job.id() + ".xml reads " + e.getKey() + ", which the job does not declare");
            assertEquals(spec.defaultValue(), e.getValue()[1], job.id() + ": default of " + e.getKey());
        }
        for (ParameterSpec spec : job.parameters()) {
            assertTrue(props.containsKey(spec.name()), job.id() + " declares " + spec.name() + ", its XML never reads "
                    + "it");
        }
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void stepsAndArtifactsReadOnlyTheJobLevelProperties(JobDefinition job) throws Exception {
        String text = java.nio.file.Files.readString(Path.of("batch-jobs", job.id() + ".xml"));
        Map<String, String[]> props = jobProperties(xml(job));
        int firstStep = text.indexOf("<step ");
        assertEquals(-1, text.indexOf("jobParameters", firstStep), "steps read job properties, not parameters");
        Matcher m = JOB_PROPERTY.matcher(text);
        while (m.find()) {
            assertTrue(props.containsKey(m.group(1)), "jobProperties['" + m.group(1) + "'] is declared");
        }
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theStepsAreTheDefinitionsWithVerbNounIds(JobDefinition job) throws Exception {
        NodeList steps = xml(job).getElementsByTagNameNS("*", "step");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < steps.getLength(); i++) {
            ids.add(((Element) steps.item(i)).getAttribute("id"));
        }
        assertEquals(job.steps(), ids);
        for (String id : ids) {
            assertTrue(id.matches("[a-z]+-[a-z]+"), "verb-noun step id: " + id);
        }
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyArtifactIsANamedClassOfTheJobOrOfTheSharedBatchPackage(JobDefinition job) throws Exception {
        Matcher m = Pattern.compile("ref=\"([A-Za-z]+)\"").matcher(
                java.nio.file.Files.readString(Path.of("batch-jobs", job.id() + ".xml")));
        String jobPackage = Jobs.TYPES.get(Jobs.DEFINITIONS.indexOf(job)).getPackageName();
        int refs = 0;
        while (m.find()) {
            refs++;
            String simple = Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
            Class<?> c = load("io.eobatch.batch." + simple);
            if (c == null) {
                c = load(jobPackage + "." + simple);
            }
            assertNotNull(c, job.id() + ": artifact " + m.group(1) + " is a class of batch/ or batch/" + jobPackage);
            assertTrue(c.isAnnotationPresent(Named.class), c + " is @Named");
            // artifacts read job parameters from the job-level properties (JobProperties), never through a
            // @BatchProperty copy of their own (the partition plan's own property stays one)
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    assertTrue(!f.isAnnotationPresent(jakarta.batch.api.BatchProperty.class)
                            || job.parameter(f.getName()) == null, f + " copies job parameter " + f.getName());
                }
            }
        }
        // job listener, plan batchlet, skip listener, reader, processor, writer, mapper, budget decider (its budget
        // and the disk reserve; tiled-composite has no budget but the disk-check decision), last step
        assertEquals(9, refs, job.id() + ": artifacts named in the XML");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
