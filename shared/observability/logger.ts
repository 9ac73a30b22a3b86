import { Logger } from '@aws-lambda-powertools/logger';

/** The service's one logger: structured JSON; request and alarm ids are appended per call. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'aodh' });
