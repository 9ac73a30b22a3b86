import { App } from 'aws-cdk-lib';
import { buildAodhApp } from './aodh-app.js';

/**
 * CDK entry (cdk.json "app"). The environment comes only from the CLI's defaults, when it
 * has them: without credentials the stacks are environment-agnostic, and since nothing
 * looks anything up, synth still works offline.
 */
const app = new App();
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
buildAodhApp(app, { ...(account ? { account } : {}), ...(region ? { region } : {}) });
app.synth();
