import { InvalidInputError, PermanentDeliveryError } from '../../errors.js';

/**
 * The shape all four AWS schemes share: `<scheme>://[<region>]/<account-id>/<name>`.
 *
 * The region sits in the authority so that Python's `urlsplit` (netloc) and WHATWG URL (host)
 * both find it; WHATWG keeps a non-special scheme's host as typed, so `EU-WEST-1` stays
 * uppercase and is refused rather than silently lowercased. An empty authority
 * (`sns:///123456789012/alarms`) means "the region this function runs in".
 */
export interface AwsTarget {
  /** undefined: the client's own region. */
  region?: string;
  account: string;
  name: string;
}

// Every AWS region name, partitions included: us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$/;
const ACCOUNT = /^[0-9]{12}$/;

/** The action as echoed in messages: a password (refused anyway) is masked, never repeated. */
export function shownAction(action: URL): string {
  if (action.password === '') return action.href;
  const masked = new URL(action.href);
  masked.password = '***';
  return masked.href;
}

/** The InvalidInputError every check throws: `Invalid action <action>: <problem>`. */
export function invalidAction(action: URL, problem: string): InvalidInputError {
  return new InvalidInputError(`Invalid action ${shownAction(action)}: ${problem}`);
}

/**
 * Checks the authority and path and returns the parts. `form` is the documented pattern,
 * quoted when the path has the wrong number of segments. Query and fragment are left to
 * the caller (only `events://` has options).
 */
export function parseAwsTarget(action: URL, form: string): AwsTarget {
  // `sns:/123/x` and `sns:123/x` parse too (no authority at all); accept only the documented form.
  if (!action.href.startsWith(`${action.protocol}//`)) throw invalidAction(action, `expected ${form}`);
  if (action.username !== '' || action.password !== '') throw invalidAction(action, 'user name and password are not allowed');
  if (action.port !== '') throw invalidAction(action, 'a port is not allowed');
  const region = action.hostname;
  if (region !== '' && !REGION.test(region)) {
    throw invalidAction(action, `region "${region}" is not an AWS region name such as eu-west-1 (leave it empty for the function's own region)`);
  }
  const segments = action.pathname.split('/').slice(1);
  if (segments.length !== 2) throw invalidAction(action, `expected ${form}`);
  const [account = '', name = ''] = segments;
  if (!ACCOUNT.test(account)) throw invalidAction(action, `account id "${account}" must be 12 digits`);
  return { ...(region !== '' && { region }), account, name };
}

/** A URL that passed the API's check once can still be stale or hand-written: never retry it. */
export function parseOrPermanent<T>(parse: (action: URL) => T, action: URL): T {
  try {
    return parse(action);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new PermanentDeliveryError(error.message, { cause: error });
    throw error;
  }
}

/** Refuses any query string or fragment: sns, sqs and lambda actions have no options. */
export function refuseOptions(action: URL): void {
  if (action.search !== '') throw invalidAction(action, 'query parameters are not allowed');
  refuseFragment(action);
}

export function refuseFragment(action: URL): void {
  if (action.hash !== '') throw invalidAction(action, 'a fragment is not allowed');
}

/**
 * The ARN partition of a region. Hard-coded rather than read from the SDK's partition
 * table, which is an internal module of @aws-sdk/util-endpoints and not our dependency.
 */
export function partitionOf(region: string): string {
  const prefixes: Array<[string, string]> = [
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-isob-', 'aws-iso-b'],
    ['us-iso-', 'aws-iso'],
    ['eu-isoe-', 'aws-iso-e'],
    ['us-isof-', 'aws-iso-f'],
    ['eusc-', 'aws-eusc'],
  ];
  return prefixes.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function arnOf(service: string, region: string, account: string, resource: string): string {
  return `arn:${partitionOf(region)}:${service}:${region}:${account}:${resource}`;
}

/**
 * The region the target names, else the one the SDK client was configured with (AWS_REGION,
 * always set on Lambda). Without either, no attempt can ever succeed: permanent.
 */
export async function regionOf(action: URL, target: AwsTarget, client: { config: { region: () => Promise<string> } }): Promise<string> {
  if (target.region !== undefined) return target.region;
  try {
    return await client.config.region();
  } catch (error) {
    throw new PermanentDeliveryError(`Action ${shownAction(action)} names no region and the AWS SDK has none configured (AWS_REGION)`, { cause: error });
  }
}
