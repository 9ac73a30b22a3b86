import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmTables } from '../constructs/alarm-tables.js';

/**
 * Everything that holds data (tables now; queues and the event bus later). Kept apart
 * so the service stack can be redeployed, renamed or destroyed without touching data.
 */
export class StatefulStack extends Stack {
  readonly tables: AlarmTables;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tables = new AlarmTables(this, 'Tables');
  }
}
