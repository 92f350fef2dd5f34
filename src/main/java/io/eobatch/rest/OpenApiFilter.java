package io.eobatch.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterSpec;

/**
 * Completes the OpenAPI document that SmallRye builds from the resources' annotations ({@code /openapi}; set as
 * {@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties}) with what is the same for many
 * operations or is declared elsewhere in the code, so that it is written once:
 *
 * <ul>
 *   <li>every operation: the {@code 401} (no or wrong credentials) and {@code 403} (no role of eobatch, or not
 *       the role the operation needs) answers, problem+json: every {@code /api} request is authenticated;</li>
 *   <li>every POST: the {@code 415} answer (a body of another media type, or none);</li>
 *   <li>the job parameters: one schema per job ({@code <job>.parameters}) made from its {@link JobDefinition}, the
 *       one declaration of every parameter (type, default, range, allowed values, meaning), and the request bodies
 *       of launch and estimate (one of them) and of restart (the parameters a restart may change).</li>
 * </ul>
 * The shared answers themselves ({@code BadRequest}, {@code NotFound}, ...) and the {@link Problem} schema are
 * declared by annotations on {@link EobatchApplication}.
 */
public class OpenApiFilter implements OASFilter {

    /** The component schema of job {@code job}'s parameters. */
    static String parametersSchema(String job) {
        return job + ".parameters";
    }

    static final String RESTART_SCHEMA = "restart.parameters";
    private static final String REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        for (JobDefinition d : Jobs.DEFINITIONS) {
            components.addSchema(parametersSchema(d.id()), parameters(d));
        }
        components.addSchema(RESTART_SCHEMA, restartParameters());
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().getOperations().entrySet()) {
                Operation op = o.getValue();
                APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses()
                        : op.getResponses();
                op.setResponses(responses);
                shared(responses, "401", "Unauthorized");
                shared(responses, "403", "Forbidden");
                if (o.getKey() == PathItem.HttpMethod.POST) {
                    shared(responses, "415", "UnsupportedMediaType");
                }
                if (p.getKey().endsWith("/jobs/{job}/executions") || p.getKey().endsWith("/jobs/{job}/estimate")) {
                    op.setRequestBody(body("the job's parameters (a value may also be given as a string; a list as "
                            + "a comma-separated string or a JSON array); unknown names are a 400",
                            oneOfJobs()));
                } else if (p.getKey().endsWith("/executions/{id}/restart")) {
                    op.setRequestBody(body("what the restart changes (optional; other parameters keep their values)",
                            OASFactory.createSchema().ref(REF + RESTART_SCHEMA)));
                }
            }
        }
    }

    private static void shared(APIResponses responses, String code, String name) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
        }
    }

    private static RequestBody body(String description, Schema schema) {
        return OASFactory.createRequestBody().description(description).required(false)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(schema)));
    }

    private static Schema oneOfJobs() {
        Schema s = OASFactory.createSchema();
        for (JobDefinition d : Jobs.DEFINITIONS) {
            s.addOneOf(OASFactory.createSchema().ref(REF + parametersSchema(d.id())));
        }
        return s;
    }

    /** The JSON object of a job's parameters, from its definition. */
    static Schema parameters(JobDefinition d) {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Parameters of job " + d.id() + ": " + d.description())
                .additionalPropertiesBoolean(false);
        for (ParameterSpec p : d.parameters()) {
            s.addProperty(p.name(), parameter(p));
            if (p.required()) {
                s.addRequired(p.name());
            }
        }
        return s;
    }

    /** The parameters a restart may change, as the first job that has each declares it. */
    static Schema restartParameters() {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Parameters a restart may change: " + ExecutionService.RESTART_MAY_CHANGE)
                .additionalPropertiesBoolean(false);
        for (String name : ExecutionService.RESTART_MAY_CHANGE) {
            Jobs.DEFINITIONS.stream().map(d -> d.parameter(name)).filter(p -> p != null).findFirst()
                    .ifPresent(p -> s.addProperty(name, parameter(p)));
        }
        return s;
    }

    /** One parameter: its JSON type, format, range, allowed values, default and meaning. */
    static Schema parameter(ParameterSpec p) {
        Schema s = OASFactory.createSchema().description(p.description());
        switch (p.type()) {
            case "integer" -> s.addType(Schema.SchemaType.INTEGER).format("int64");
            case "number" -> s.addType(Schema.SchemaType.NUMBER);
            case "date" -> s.addType(Schema.SchemaType.STRING).format("date");
            case "period" -> s.addType(Schema.SchemaType.STRING).format("duration")
                    .examples(List.of("P1D", "P5D", "P1M"));
            case "enum" -> s.addType(Schema.SchemaType.STRING).enumeration(new ArrayList<>(p.allowed()));
            case "list" -> s.addType(Schema.SchemaType.ARRAY).addType(Schema.SchemaType.STRING)
                    .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
            default -> s.addType(Schema.SchemaType.STRING);
        }
        if (p.min() != null) {
            s.minimum(BigDecimal.valueOf(p.min()));
        }
        if (p.max() != null) {
            s.maximum(BigDecimal.valueOf(p.max()));
        }
        if (p.defaultValue() != null) {
            s.defaultValue(typed(p));
        }
        return s;
    }

    private static Object typed(ParameterSpec p) {
        try {
            return switch (p.type()) {
                case "integer" -> Long.parseLong(p.defaultValue());
                case "number" -> new BigDecimal(p.defaultValue());
                default -> p.defaultValue();
            };
        } catch (NumberFormatException e) {
            return p.defaultValue();
        }
    }
}
