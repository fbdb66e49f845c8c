import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a 工作台 card opens the ledger on exactly what it counts, the filter shown and clearable', async () => {
  const { context, page } = await newPage(browser);
  try {
    await loginViaApi(context, 'ducha');
    const shell = new AppShell(page);
    await page.goto('/workbench');
    await shell.heading('我的工作台').waitFor();
    // Every matter card of the demo year: its count, then the ledger it opens.
    const cards = page.locator('a[href^="/matters?todo="]');
    await cards.first().waitFor();
    const links = await cards.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, label: a.getAttribute('aria-label')! })));
    assert.ok(links.length >= 2, 'the demo supervisor has several matter cards');
    for (const { href, label } of links) {
      const [, title, count] = /^(.+)：(\d+) 项$/.exec(label)!;
      await page.goto(href);
      await shell.heading('督查台账').waitFor();
      // The filter bar names the card, so the user sees why the list is what it is.
      await page.locator('.ant-form-item').filter({ hasText: '待办' }).getByText(title!, { exact: true }).waitFor();
      await page.getByText(Number(count) > 2000 ? /超过 2000 项/ : `共 ${count} 项`, { exact: true }).waitFor();
    }
    await screenshot(page, 'ledger-todo-filter');
    // Clearing the filter applies at once: the address loses it.
    await page.locator('.ant-form-item').filter({ hasText: '待办' }).hover();
    await page.locator('.ant-form-item').filter({ hasText: '待办' }).locator('.ant-select-clear').click();
    await page.waitForURL((u) => !u.search.includes('todo='));
  } finally {
    await context.close();
  }
});
