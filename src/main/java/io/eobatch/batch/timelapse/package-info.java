/**
 * The aoi-timelapse job ({@link io.eobatch.batch.timelapse.TimelapseJob}) and its artifacts (batch-jobs/aoi-timelapse.xml): {@link io.eobatch.batch.timelapse.PlanTimelapseItems}
 * (step plan-items: AOI x month ledger, {@link io.eobatch.batch.timelapse.TimelapsePlan}),
 * {@link io.eobatch.batch.timelapse.TimelapseProcessor} (step
 * fetch-images, with the shared {@code ledgerItemReader} and {@code ledgerPartitionMapper}; the choice of scene is
 * {@link io.eobatch.batch.timelapse.SceneChoice}, the pixels {@link io.eobatch.raster.stats.SceneRender}) and
 * {@link io.eobatch.batch.timelapse.MakeTimelapseGifs} (step make-gifs). Files and their names:
 * {@link io.eobatch.batch.timelapse.TimelapseOutputs}; the table: {@link io.eobatch.batch.timelapse.TimelapseFrame}.
 */
package io.eobatch.batch.timelapse;
