import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmTables } from '../constructs/alarm-tables.js';
import { TransitionQueues } from '../constructs/transition-queues.js';

/**
 * Everything that holds data (tables, the transition queues; the event bus later). Kept
 * apart so the service stack can be redeployed, renamed or destroyed without touching data.
 */
export class StatefulStack extends Stack {
  readonly tables: AlarmTables;
  readonly transitions: TransitionQueues;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tables = new AlarmTables(this, 'Tables');
    this.transitions = new TransitionQueues(this, 'Transitions');
  }
}
