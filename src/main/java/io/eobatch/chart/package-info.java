/**
 * Charts of job results, drawn with JFreeChart into PNG files, headless ({@code java.awt.headless=true}): the
 * comparison of AOIs ({@link io.eobatch.chart.AoiComparisonChart}) and the time series of one AOI
 * ({@link io.eobatch.chart.TimeSeriesChart}). Charts only draw what they are given: the numbers come from the
 * ledger's statistics.
 */
package io.eobatch.chart;
