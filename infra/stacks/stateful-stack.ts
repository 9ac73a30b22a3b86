import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { type AlarmTableSet, AlarmTables } from '../constructs/alarm-tables.js';
import { TransitionQueues } from '../constructs/transition-queues.js';

export interface StatefulStackProps extends StackProps {
  /** Names the event bus, which (unlike tables and queues) other services address by name. */
  stage: string;
}

/**
 * Everything that holds data or that other services depend on (tables, the transition
 * queues, the event bus). Kept apart so the service stack can be redeployed, renamed or
 * destroyed without touching data, and without changing where producers put their events.
 */
export class StatefulStack extends Stack {
  readonly tables: AlarmTableSet;
  readonly transitions: TransitionQueues;
  readonly eventBus: EventBus;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.tables = new AlarmTables(this, 'Tables').tables;
    this.transitions = new TransitionQueues(this, 'Transitions');
    // A fixed, per-stage name (not a generated one): producers are configured with it, and a
    // replacement of the service stack must not move it. It holds no events itself, so it is
    // not retained on delete (a retained named bus would block re-creating the stage).
    this.eventBus = new EventBus(this, 'EventBus', {
      eventBusName: `aodh-${props.stage}-events`,
      description: `Aodh ${props.stage}: events that event alarms are evaluated against`,
    });
    // Plain outputs, not exports: producers read them (describe-stacks, their own config), and
    // an export could neither change nor go away while any other stack imported it.
    new CfnOutput(this, 'EventBusName', {
      description: 'Put events for Aodh event alarms on this bus (source other than "aodh")',
      value: this.eventBus.eventBusName,
    });
    new CfnOutput(this, 'EventBusArn', {
      description: 'ARN of the Aodh event bus, for producers\' events:PutEvents grants and cross-bus rules',
      value: this.eventBus.eventBusArn,
    });
  }
}
