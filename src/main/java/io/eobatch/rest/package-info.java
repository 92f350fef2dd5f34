/**
 * The REST API: thin resources over {@link io.eobatch.rest.ExecutionService} (launch, stop, restart, retry-failed,
 * abandon and their rules) and {@link io.eobatch.rest.ExecutionViews}; typed answers ({@link io.eobatch.rest.ApiViews},
 * {@link io.eobatch.batch.Estimate}); problem+json for every error. No resource names a job: they ask
 * {@link io.eobatch.batch.Jobs}.
 */
package io.eobatch.rest;
