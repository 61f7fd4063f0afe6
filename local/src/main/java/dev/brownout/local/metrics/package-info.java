/**
 * The functions' metrics, made locally as CloudWatch Logs makes them in AWS: {@link
 * dev.brownout.local.metrics.EmfRecords} reads each line a function prints, and {@link
 * dev.brownout.local.metrics.CloudWatchMetricsWriter} publishes the data of its EMF records to
 * moto's CloudWatch, so that {@code aws cloudwatch get-metric-statistics} answers as in AWS. The
 * edge's output reader, for each line:
 *
 * <pre>{@code
 * switch (EmfRecords.parse(line)) {
 *   case EmfRecords.Emf emf -> writer.offer(emf.data());
 *   case EmfRecords.InvalidEmf invalid -> log.warn(function + ": EMF record not published: "
 *       + invalid.reason());
 *   case EmfRecords.NotEmf ordinary -> {}
 * }
 * }</pre>
 */
package dev.brownout.local.metrics;
