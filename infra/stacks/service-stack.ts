import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmApi } from '../constructs/alarm-api.js';
import type { AlarmTableSet } from '../constructs/alarm-tables.js';
import type { DeploySettings } from '../settings.js';

export interface ServiceStackProps extends StackProps {
  settings: DeploySettings;
  /** From the stateful stack; passed in so this stack owns no data. */
  tables: AlarmTableSet;
}

/** The stateless part: functions, API (and later rules and schedules). Composes constructs only. */
export class ServiceStack extends Stack {
  readonly api: AlarmApi;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.api = new AlarmApi(this, 'Api', { tables: props.tables, settings: props.settings });
  }
}
