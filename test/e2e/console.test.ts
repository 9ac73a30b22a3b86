import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, screenshot, seriousViolations } from '../support/browser.js';
import { type LocalService, startLocalService } from '../support/local-service.js';

/** The console in a real chromium against `npm start` (its API, its /console static hook), as a user would use it. */
let service: LocalService;
let browser: Browser;
const PROJECT = 'p-e2e';
const MEMBER = { user: 'u-member', roles: 'member' };
const READER = { user: 'u-reader', roles: 'reader' };

async function apiCall(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { 'x-user-id': MEMBER.user, 'x-project-id': PROJECT, 'x-roles': MEMBER.roles, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function signIn(page: Page, who: { user: string; roles: string }, path = '/console'): Promise<void> {
  await page.goto(`${service.url}${path}`);
  await page.fill('#user', who.user);
  await page.fill('#project', PROJECT);
  await page.fill('#roles', who.roles);
  await page.click('button[type=submit]');
  await page.waitForSelector('header');
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
}

beforeAll(async () => {
  // No evaluator tick during the test: the states seen are the ones the test sets.
  [service, browser] = await Promise.all([startLocalService({ EVALUATION_INTERVAL: '3600' }), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the console in chromium', () => {
  let alarmId = '';
  let editor: Page;
  // What the editor's page looked like when a test failed: the first thing to look at.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && editor) await screenshot(editor, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('signs in (accessible sign-in page) and lists an alarm created through the API, with its state', async () => {
    const created = await apiCall('POST', '/v2/alarms', {
      name: 'e2e-cpu',
      type: 'prometheus',
      severity: 'moderate',
      prometheus_rule: { query: 'up', threshold: 1, comparison_operator: 'lt' },
    });
    expect(created.status).toBe(201);
    alarmId = (created.json as { alarm_id: string }).alarm_id;
    editor = await browser.newPage();
    await editor.goto(`${service.url}/console`);
    await editor.waitForSelector('#user');
    await expectAccessible(editor, 'sign-in');
    await signIn(editor, MEMBER);
    const row = editor.locator(`tr[data-alarm="${alarmId}"]`);
    await row.waitFor();
    expect(await row.locator('.state').textContent()).toBe('insufficient data');
    await expectAccessible(editor, 'alarm-list');
  });

  it('opens the alarm, sets its state through the page, and the timeline shows the transition', async () => {
    await editor.click(`tr[data-alarm="${alarmId}"] a`);
    await editor.waitForSelector('#timeline li');
    expect(await editor.textContent('#state')).toBe('insufficient data');
    await expectAccessible(editor, 'alarm-detail');
    await editor.getByRole('button', { name: 'Set alarm' }).click();
    await editor.locator('#state', { hasText: /^alarm$/ }).waitFor();
    await editor.locator('#timeline li', { hasText: 'state transition' }).waitFor();
    expect(await editor.locator('#timeline li', { hasText: 'state transition' }).textContent()).toContain('alarm');
    // The state chart (uPlot) draws the history on a canvas with pixels in it.
    const drawn = await editor.locator('#state-chart canvas').evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      return canvas.width > 0 && Array.prototype.some.call(pixels, (value: number) => value !== 0);
    });
    expect(drawn).toBe(true);
    await screenshot(editor, 'alarm-detail-after-transition');
  });

  it('disables the alarm: the whole alarm is PUT back and the API accepts it (read-only fields included)', async () => {
    await editor.getByRole('button', { name: 'Disable' }).click();
    await editor.getByRole('button', { name: 'Enable' }).waitFor();
    expect(await editor.locator('[role=alert]').count()).toBe(0);
    const stored = await apiCall('GET', `/v2/alarms/${alarmId}`);
    expect(stored.json).toMatchObject({ enabled: false, state: 'alarm', name: 'e2e-cpu', severity: 'moderate' });
    await editor.getByRole('button', { name: 'Enable' }).click();
    await editor.getByRole('button', { name: 'Disable' }).waitFor();
    expect((await apiCall('GET', `/v2/alarms/${alarmId}`)).json).toMatchObject({ enabled: true, state: 'alarm' });
  });

  it('creates an alarm with the form: a bad threshold is shown next to the threshold field, then a good one saves', async () => {
    await editor.click('a[href="/console/"]');
    await editor.click('#new-alarm');
    await editor.waitForSelector('#alarm-form');
    expect(new URL(editor.url()).pathname).toBe('/console/alarms/new');
    await editor.fill('#name', 'e2e-form');
    await editor.fill('#description', 'made in the browser');
    await editor.selectOption('#severity', 'critical');
    await editor.fill('#threshold', 'high');
    await editor.fill('#rule', '{"query": "up"}');
    await editor.fill('#alarm_actions', 'http://127.0.0.1:9/hook');
    await editor.click('#alarm-form button[type=submit]');
    const message = editor.locator('#threshold-error');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/^Invalid input for field\/attribute threshold\. Value: 'high'/);
    expect(await editor.getAttribute('#threshold', 'aria-describedby')).toBe('threshold-error');
    // The message sits with its field, not elsewhere in the form.
    expect(await editor.locator('p', { has: editor.locator('#threshold') }).locator('#threshold-error').count()).toBe(1);
    await expectAccessible(editor, 'alarm-form-error');
    await editor.fill('#threshold', '0.5');
    await editor.click('#alarm-form button[type=submit]');
    await editor.locator('h1', { hasText: 'e2e-form' }).waitFor();
    const id = new URL(editor.url()).pathname.split('/').pop() ?? '';
    const stored = (await apiCall('GET', `/v2/alarms/${id}`)).json;
    expect(stored).toMatchObject({ name: 'e2e-form', description: 'made in the browser', severity: 'critical', alarm_actions: ['http://127.0.0.1:9/hook'], enabled: true });
    expect(stored).toMatchObject({ prometheus_rule: { query: 'up', threshold: 0.5, comparison_operator: 'gt' } });
  });

  it('edits an alarm with the form (PUT of the alarm as read, with the changes)', async () => {
    await editor.click('a[href$="/edit"]');
    await editor.waitForSelector('#alarm-form');
    expect(await editor.inputValue('#threshold')).toBe('0.5');
    await expectAccessible(editor, 'alarm-form-edit');
    await editor.selectOption('#severity', 'low');
    await editor.fill('#rule', '{"query": "up == 0"}');
    await editor.click('#enabled');
    await editor.click('#alarm-form button[type=submit]');
    await editor.locator('p', { hasText: 'Severity low; disabled' }).waitFor();
    const id = new URL(editor.url()).pathname.split('/').pop() ?? '';
    expect((await apiCall('GET', `/v2/alarms/${id}`)).json).toMatchObject({ severity: 'low', enabled: false, prometheus_rule: { query: 'up == 0', threshold: 0.5 } });
  });

  it('opens a deep link (/console/alarms/<id>) straight on the detail, after sign-in and on reload', async () => {
    const page = await browser.newPage();
    await signIn(page, MEMBER, `/console/alarms/${alarmId}`);
    await page.locator('h1', { hasText: 'e2e-cpu' }).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: 'e2e-cpu' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/alarms/${alarmId}`);
    await page.close();
  });

  it('shows a reader the alarm with no edit controls', async () => {
    const reader = await browser.newPage();
    await signIn(reader, READER);
    await reader.click(`tr[data-alarm="${alarmId}"] a`);
    await reader.waitForSelector('#timeline li');
    expect(await reader.textContent('h1')).toBe('e2e-cpu');
    expect(await reader.locator('#edit-controls').count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Set / }).count()).toBe(0);
    await expectAccessible(reader, 'alarm-detail-reader');
    await reader.close();
  });
});

describe('the accessibility check itself', () => {
  it('reports a serious violation on a page made to have one (so a clean scan means something)', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><title>t</title><main><input id="x"><img src="data:,"></main></html>');
    expect((await seriousViolations(page)).join('\n')).toMatch(/label|image-alt/);
    await page.close();
  });
});
