/** A `test://` action has no options; the recorder gets the action exactly as stored. */
export interface TestAction {
  action: string;
}

export function parseTestAction(action: URL): TestAction {
  return { action: action.href };
}
