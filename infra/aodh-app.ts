import { type App, CrossStackReferences, type Environment, ReferenceStrength, Tags } from 'aws-cdk-lib';
import { DEFAULT_CROSS_STACK_REFERENCES } from 'aws-cdk-lib/cx-api';
import { applyNagChecks } from './nag.js';
import { readDeploySettings, type DeploySettings } from './settings.js';
import { ServiceStack } from './stacks/service-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';

export interface AodhStacks {
  settings: DeploySettings;
  stateful: StatefulStack;
  service: ServiceStack;
}

/**
 * Adds the Aodh stacks to `app`, configured from the app's context. Separate from
 * app.ts (the CLI entry, which synthesizes on import) so tests can build apps freely.
 */
export function buildAodhApp(app: App, env: Environment = {}): AodhStacks {
  const settings = readDeploySettings(app.node);
  // The service stack imports table and queue names/ARNs. Strong (Export/ImportValue) keeps the
  // stateful stack from being deleted under a running service; chosen explicitly (CDK warns
  // otherwise) unless context (cdk.json or -c) already picks a strength.
  if (app.node.tryGetContext(DEFAULT_CROSS_STACK_REFERENCES) === undefined) {
    CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  }
  const prefix = `Aodh-${settings.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: `Aodh ${settings.stage}: tables (retained on delete), transition queues and the event bus`,
    stage: settings.stage,
  });
  const service = new ServiceStack(app, `${prefix}-Service`, {
    env,
    description: `Aodh ${settings.stage}: API, evaluator, listener, notifier, schedules, rules and alarms (stateless)`,
    settings,
    tables: stateful.tables,
    transitionQueue: stateful.transitions.queue,
    deadLetterQueue: stateful.transitions.deadLetterQueue,
    eventBus: stateful.eventBus,
  });
  // Tags propagate to every taggable resource, for cost reports and ownership.
  Tags.of(app).add('project', 'aodh');
  Tags.of(app).add('stage', settings.stage);
  applyNagChecks(app);
  return { settings, stateful, service };
}
