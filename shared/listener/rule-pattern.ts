/**
 * The EventBridge rule pattern that routes events on the service's bus to the listener,
 * in one place: the CDK rule and the local event bus of `npm start` both use it.
 * Everything on the bus is a candidate except the service's own `events://` notifications
 * (source `aodh`), which must never feed back into event alarms.
 */
export const LISTENER_EVENT_PATTERN = {
  source: [{ 'anything-but': ['aodh'] }],
} as const;

/** Name of the service's event bus (per stage in AWS: `aodh-<stage>-events`). */
export const LOCAL_EVENT_BUS_NAME = 'aodh-events';
