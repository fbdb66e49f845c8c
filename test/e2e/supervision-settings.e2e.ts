import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { apiJson, loginViaApi, type Session } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface Stored {
  settings: Record<string, unknown>;
  version: number;
}

test('督办设置: the supervisor changes the yellow limit and adds a category, a conflict offers a reload; the leader reads them; the original settings come back', async () => {
  const contexts: BrowserContext[] = [];
  let ducha: Session | null = null;
  let original: Stored | null = null;
  try {
    const s = await newPage(browser);
    contexts.push(s.context);
    ducha = await loginViaApi(s.context, 'ducha');
    original = await apiJson<Stored>(ducha, 'GET', '/api/v1/supervision/settings');
    const shell = new AppShell(s.page);
    await s.page.goto('/workbench');
    await shell.menuItem('督办设置').click();
    await s.page.waitForURL('**/supervision/settings');
    await shell.heading('督办设置').waitFor();

    const yellow = s.page.getByLabel('黄灯预警');
    await yellow.waitFor();
    assert.equal(await yellow.inputValue(), String(original.settings.yellowWorkingDays));
    await yellow.fill('5');
    await s.page.getByRole('button', { name: '添加分类' }).click();
    await s.page.getByLabel('分类名称').last().fill('端到端分类');
    await s.page.getByLabel('回头看天数').last().fill('15');
    await s.page.getByRole('button', { name: /保\s*存/ }).click();
    await s.page.getByText('督办设置已保存').waitFor();
    await screenshot(s.page, 'supervision-settings');

    const saved = await apiJson<Stored>(ducha, 'GET', '/api/v1/supervision/settings');
    assert.equal(saved.version, original.version + 1);
    assert.equal(saved.settings.yellowWorkingDays, 5);
    assert.equal((saved.settings.lookBackDaysByCategory as Record<string, number>)['端到端分类'], 15);

    // A change made elsewhere meanwhile is a conflict: the app says so and reloads, so the form shows the other change.
    await apiJson(ducha, 'PUT', '/api/v1/supervision/settings', { settings: { ...saved.settings, yellowWorkingDays: 6 }, version: saved.version });
    await yellow.fill('4');
    await s.page.getByRole('button', { name: /保\s*存/ }).click();
    await s.page.getByText('数据已变化').waitFor();
    await s.page.waitForFunction(() => (document.querySelector('#yellowWorkingDays') as HTMLInputElement | null)?.value === '6');

    // The leader sees the same values, read only.
    const l = await newPage(browser);
    contexts.push(l.context);
    await loginViaApi(l.context, 'shuji');
    await l.page.goto('/supervision/settings');
    await new AppShell(l.page).heading('督办设置').waitFor();
    await l.page.getByText('督办设置由督查室维护').waitFor();
    assert.equal(await l.page.getByLabel('黄灯预警').inputValue(), '6');
    assert.ok(await l.page.getByLabel('黄灯预警').isDisabled());
    assert.equal(await l.page.getByRole('button', { name: /保\s*存/ }).count(), 0);
    assert.equal(await l.page.getByLabel('分类名称').last().inputValue(), '端到端分类');
  } finally {
    // Other journeys count on the demo's settings: put them back.
    if (ducha && original) {
      const now = await apiJson<Stored>(ducha, 'GET', '/api/v1/supervision/settings');
      if (now.version !== original.version) {
        await apiJson(ducha, 'PUT', '/api/v1/supervision/settings', { settings: original.settings, version: now.version });
      }
    }
    for (const c of contexts) await c.close();
  }
});
