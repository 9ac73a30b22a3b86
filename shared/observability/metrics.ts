/**
 * CloudWatch metrics as Embedded Metric Format log lines: one JSON line on stdout, which
 * Lambda's log pipeline turns into metrics (no API call, no extra permission), and which a
 * local run simply prints. Written to stdout directly, not through the logger, so the log
 * level never drops a metric.
 */
export const METRICS_NAMESPACE = 'Aodh';

/** The transition outbox at the start of a shard's cycle, published only when it is not empty. */
export const OUTBOX_METRICS = { depth: 'OutboxDepth', oldestAge: 'OutboxOldestAgeSeconds' } as const;

export type MetricUnit = 'Count' | 'Seconds';

/**
 * Every metric carries the FunctionName dimension (Lambda sets AWS_LAMBDA_FUNCTION_NAME;
 * locally `local`), so two stages in one account never mix, and the CDK alarm can name the
 * function it watches. `properties` go along as searchable log fields, not metrics.
 */
export function publishMetrics(
  metrics: Record<string, { value: number; unit: MetricUnit }>,
  properties: Record<string, string | number> = {},
  write: (line: string) => void = (line) => process.stdout.write(line),
): void {
  const values = Object.fromEntries(Object.entries(metrics).map(([name, metric]) => [name, metric.value]));
  const document = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['FunctionName']],
          Metrics: Object.entries(metrics).map(([name, metric]) => ({ Name: name, Unit: metric.unit })),
        },
      ],
    },
    FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local',
    ...properties,
    ...values,
  };
  write(`${JSON.stringify(document)}\n`);
}
