import type { AlarmNotification } from '../domain/transition.js';
import type { RowValues } from '../setting-rows/setting.js';
import type { notifierSettings } from './settings.js';

/**
 * Per delivery: one notification (one transition) to one action URL.
 * `notificationId` is deterministic per (transition, action): webhooks send it as the
 * `X-Aodh-Notification-Id` header (AWS targets as a message attribute or field), so a
 * receiver that remembers it sees each notification once even when we re-deliver.
 */
export interface DeliveryContext {
  notificationId: string;
  /** Aborted when this attempt's time is up. */
  signal: AbortSignal;
}

/** Delivers to one kind of action. Throws RetryableDeliveryError or PermanentDeliveryError (shared/errors.ts). */
export interface Notifier {
  notify(action: URL, notification: AlarmNotification, context: DeliveryContext): Promise<void>;
}

/** The values of every scheme's rows; a scheme's `create` takes the ones it declared. */
export type NotifierSchemeSettings = RowValues<typeof notifierSettings>;

/** What notifier factories may use; built once per process by the composition root. */
export interface NotifierDeps {
  /** Every scheme's own settings (rows declared in its folder, joined in settings.ts), read generically. */
  settings: NotifierSchemeSettings;
  /** Reads a file a setting names (a PEM path), at cold start; given by the composition root, so no notifier needs node:fs. */
  readFile(path: string): string;
  /** SDK clients for the AWS-native schemes, created lazily, one per region. */
  aws: AwsClientFactory;
  /** Where `test://` deliveries are recorded (Aodh keeps them in memory for its tests). */
  testRecorder?: (action: string, notification: AlarmNotification) => void;
}

export interface AwsClientFactory {
  sns(region?: string): import('@aws-sdk/client-sns').SNSClient;
  sqs(region?: string): import('@aws-sdk/client-sqs').SQSClient;
  eventBridge(region?: string): import('@aws-sdk/client-eventbridge').EventBridgeClient;
  lambda(region?: string): import('@aws-sdk/client-lambda').LambdaClient;
}

/**
 * One notifier (Aodh's `aodh.notifier` entry points), registered under each URL scheme it
 * serves. The API uses `adminOnly` and `validateAction`; the notify function `create`s it.
 */
export interface NotifierPlugin {
  /** Aodh refuses these schemes to non-admins with a 401 (`log`, `test`). */
  readonly adminOnly: boolean;
  /** Scheme-specific checks of an action URL at create time; throws InvalidInputError naming the action. */
  validateAction?(action: URL): void;
  create(deps: NotifierDeps): Notifier;
}

export type NotifierRegistry = Readonly<Record<string, NotifierPlugin>>;
