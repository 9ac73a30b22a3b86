import { readEvaluatorSettings } from '../runtime/env.js';
import { buildEvaluatorDeps } from '../runtime/wiring.js';
import { createEvaluateHandler } from './app.js';

const settings = readEvaluatorSettings();

/** Lambda entry point: clients and metric sources are built once per cold start. */
export const handler = createEvaluateHandler(buildEvaluatorDeps(settings), settings.evaluationInterval);
