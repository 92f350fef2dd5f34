/**
 * What an operator's tools read, beside the REST API: health checks ({@link io.eobatch.ops.HealthChecks}, served by
 * WildFly at {@code /health} on the management interface), eobatch's meters ({@link io.eobatch.ops.Metrics},
 * Prometheus text at {@code /metrics} on the management interface) and the OpenAPI document of the REST API
 * ({@code /openapi} on the application's port, completed by {@link io.eobatch.rest.OpenApiFilter}; the Swagger UI page
 * {@code /swagger-ui/} shows it), and the webhook told of each execution's end ({@link io.eobatch.ops.Webhooks}).
 * README: Operations.
 */
package io.eobatch.ops;
