/**
 * AWS list prices (us-east-1, USD) the cost model multiplies by. Taken from the public pricing
 * pages below as published in 2025 (first pricing tier, no free tier); this run had no network
 * to re-check them, so re-read the pages before quoting a figure.
 */

/** https://aws.amazon.com/lambda/pricing/ — Arm (Graviton), first 7.5 billion GB-s a month. */
export const LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
/** Same page: requests, either architecture. */
export const LAMBDA_PER_MILLION_REQUESTS = 0.2;
/**
 * Same page (and "Lambda function configuration"): CPU share grows with memory, one full vCPU at
 * 1,769 MB. Below that, CPU-bound work takes 1769/memory times as long as on one core.
 */
export const LAMBDA_MB_PER_VCPU = 1_769;

/** https://aws.amazon.com/dynamodb/pricing/on-demand/ — Standard table class, since the Nov 2024 cut. */
export const DYNAMODB_PER_MILLION_RRU = 0.125;
export const DYNAMODB_PER_MILLION_WRU = 0.625;

/** https://aws.amazon.com/sqs/pricing/ — FIFO queues, per 64 KB request chunk, first 100 billion a month. */
export const SQS_FIFO_PER_MILLION_REQUESTS = 0.5;

/**
 * https://aws.amazon.com/eventbridge/pricing/ — EventBridge Scheduler invocations. The stack uses
 * scheduled rules on the default bus, which that page does not bill per event: an upper bound.
 */
export const EVENTBRIDGE_PER_MILLION_INVOCATIONS = 1.0;

/** https://aws.amazon.com/api-gateway/pricing/ — HTTP APIs, first 300 million requests a month. */
export const HTTP_API_PER_MILLION_REQUESTS = 1.0;

/** https://aws.amazon.com/cloudwatch/pricing/ — GetMetricData, per 1,000 metrics requested. */
export const CLOUDWATCH_GET_METRIC_DATA_PER_THOUSAND_METRICS = 0.01;
