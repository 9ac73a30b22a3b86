/**
 * `npm start`: the whole service on one machine. Starts DynamoDB Local (data kept in
 * .local/data; `npm start -- --reset` wipes it), creates the tables, and serves the
 * API through the very Lambda handler that runs in AWS. Later capabilities (evaluator,
 * notifier, listener loops and their emulators) join the `services` list below.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTables } from '#shared/adapters/dynamodb/create-tables.js';
import { readEvaluatorSettings, readNotifierSettings } from '#functions/runtime/env.js';
import { buildConsole } from '../../console/build.js';
import { startApiServer } from './api-server.js';
import { serveConsole } from './console-static.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { LISTENER_EVENT_PATTERN, LOCAL_EVENT_BUS_NAME } from '#shared/listener/rule-pattern.js';
import { startEvaluatorLoop } from './evaluator-loop.js';
import { startLocalEventBus } from './event-bus.js';
import { localContext } from './lambda-context.js';
import { startNotifierLoop } from './notifier-loop.js';
import { ensureTransitionQueues, startSqsLocal } from './sqs-local.js';
import { localEnvironment } from './local-env.js';
import { watchBacklogs } from './metrics/depths.js';
import { serveMetrics } from './metrics/endpoint.js';
import { instrumentApi, instrumentEvaluate, instrumentNotify } from './metrics/instrument.js';
import { promServiceMetrics } from './metrics/prom-metrics.js';
import { startLocalPrometheus } from './prometheus-local.js';

interface Service {
  name: string;
  stop(): Promise<void>;
}

/** AUTH_MODE=keystone: the deployed authorizer function itself, in front of every request. */
async function keystoneAuthorizer() {
  const { handler } = await import('#functions/authorize/handler.js');
  return handler;
}

/**
 * The real Prometheus scraping the service's /metrics, and the evaluator pointed at it, unless
 * PROMETHEUS_URL names another one. Set before the evaluate handler is imported (it reads it then).
 */
async function localPrometheus(dataDir: string, target: string) {
  if (process.env.PROMETHEUS_URL?.trim()) return undefined;
  const prometheus = await startLocalPrometheus({ dataDir: resolve(dataDir, 'prometheus'), target });
  if (!prometheus) process.stdout.write('prometheus is not installed (apt-get install prometheus): starting without it\n');
  else process.env.PROMETHEUS_URL = prometheus.url;
  return prometheus;
}

async function main(): Promise<void> {
  const env = localEnvironment(process.env);
  if (process.argv.includes('--reset')) rmSync(env.dataDir, { recursive: true, force: true });
  const services: Service[] = [];
  const stopAll = async () => {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('\nstopping…\n');
      void stopAll().then(() => process.exit(0));
    });
  }
  try {
    const dynamo = await startDynamoDbLocal({ dataDir: resolve(env.dataDir, 'dynamodb'), ...(env.dynamoPort ? { port: env.dynamoPort } : {}) });
    services.push({ name: 'dynamodb', stop: dynamo.stop });
    const sqs = await startSqsLocal(env.sqsPort ? { port: env.sqsPort } : {});
    services.push({ name: 'sqs', stop: sqs.stop });
    Object.assign(process.env, env.awsEnv);
    const queues = await ensureTransitionQueues(new SQSClient({ endpoint: sqs.endpoint }), env.queues);
    Object.assign(process.env, env.processEnv({ dynamo: dynamo.endpoint, sqs: sqs.endpoint, transitionQueueUrl: queues.queueUrl, deadLetterQueueUrl: queues.deadLetterUrl }));
    await createTables(new DynamoDBClient({}), env.tables);

    // Imported only now: the handler reads its settings from the environment at load time, as in Lambda.
    const { handler } = await import('#functions/api/handler.js');
    const metrics = promServiceMetrics();
    watchBacklogs(metrics, new SQSClient({}), queues, env.tables.outbox);
    const consoleDir = await buildConsole();
    const lambdaAuthorizer = env.authMode === 'keystone' ? await keystoneAuthorizer() : undefined;
    const api = await startApiServer({ handler: instrumentApi(handler, metrics), port: env.port, host: env.host, ...(lambdaAuthorizer ? { lambdaAuthorizer } : {}), serveStatic: (request, response) => serveMetrics(metrics, request, response) || serveConsole(consoleDir, request, response) });
    services.push({ name: 'api', stop: api.stop });
    const prometheus = await localPrometheus(env.dataDir, new URL(api.url).host);
    if (prometheus) services.push({ name: 'prometheus', stop: prometheus.stop });

    const { handler: evaluate } = await import('#functions/evaluate/handler.js');
    const { evaluationInterval, metricSources: { prometheusUrl, gnocchiUrl } } = readEvaluatorSettings();
    services.push({ name: 'evaluator', ...startEvaluatorLoop(instrumentEvaluate(evaluate, metrics), evaluationInterval) });

    const { handler: notify } = await import('#functions/notify/handler.js');
    services.push({ name: 'notifier', ...startNotifierLoop(instrumentNotify(notify, metrics, readNotifierSettings().maxReceiveCount), new SQSClient({}), queues.queueUrl) });

    // What the EventBridge rule does in AWS: the same pattern, the same listen handler.
    const { handler: listen } = await import('#functions/listen/handler.js');
    const bus = await startLocalEventBus({
      port: env.eventsPort,
      host: env.host,
      busName: LOCAL_EVENT_BUS_NAME,
      pattern: LISTENER_EVENT_PATTERN,
      deliver: async (event) => void (await listen(event, localContext('aodh-listen'))),
    });
    services.push({ name: 'event bus', stop: bus.stop });

    process.stdout.write(
      [
        'Aodh (serverless) is running locally:',
        `  API       ${api.url}   (auth: ${env.authMode}; try: curl ${api.url}/)`,
        `  Metrics   ${api.url}/metrics   (Prometheus text format${prometheus ? `; scraped every 5 s by Prometheus ${prometheus.url}` : ''})`,
        `  Console   ${api.url}/console   (noauth: choose user, project and roles on the page)`,
        `  DynamoDB  ${dynamo.endpoint}   (data: ${resolve(env.dataDir)})`,
        `  SQS       ${sqs.endpoint}   (transitions: ${queues.queueUrl}; dead letters: ${queues.deadLetterUrl})`,
        '  Notifier  consuming the transition queue',
        `  Events    ${bus.url}   (EventBridge PutEvents; bus ${LOCAL_EVENT_BUS_NAME}; try: aws events put-events --endpoint-url ${bus.url} --entries …)`,
        `  Evaluator every ${evaluationInterval} s over all shards${prometheusUrl ? `; Prometheus ${prometheusUrl}` : ''}${gnocchiUrl ? `; Gnocchi ${gnocchiUrl}` : ''}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(`failed to start: ${(error as Error).message}\n`);
    await stopAll();
    process.exit(1);
  }
}

void main();
