import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { MatterDetailPage } from './pages/MattersPages';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, phone, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A 1×1 JPEG: the attachment check wants the JPEG signature, which a phone photo has. */
const tinyJpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

test('进展反馈 with a site photo from a phone: on the timeline as 附件 for the unit and 督查员; 报结 marks its evidence required', async () => {
  const contexts: BrowserContext[] = [];
  try {
    // A matter of 县教育局, assigned and accepted through the API: the journey is about the dialog.
    const office = await newPage(browser);
    contexts.push(office.context);
    const ducha = await loginViaApi(office.context, 'ducha');
    const { items: units } = await apiJson<{ items: { id: string; name: string }[] }>(ducha, 'GET', '/api/v1/units');
    const edu = units.find((u) => u.name === '县教育局')!;
    const opened = await apiJson<{ id: string; version: number }>(ducha, 'POST', '/api/v1/matters', {
      title: `校园食堂食品安全整改 ${Date.now().toString(36)}`,
      source: 'inspection',
      leadUnitId: edu.id,
      deadline: { kind: 'working_days', days: 10 },
      assign: true,
    });
    const unit = await newPage(browser, phone);
    contexts.push(unit.context);
    const lly = await loginViaApi(unit.context, 'jyj_lly');
    await apiJson(lly, 'POST', `/api/v1/matters/${opened.id}/actions/accept`, { version: opened.version });

    const detail = new MatterDetailPage(unit.page);
    await detail.goto(opened.id);
    await detail.act('进展反馈', async (d) => {
      await d.getByLabel('进展情况').fill('已对全县 12 所学校食堂完成现场检查，附检查照片。');
      const chooser = unit.page.waitForEvent('filechooser');
      await d.getByRole('button', { name: '上传附件' }).click();
      const uploaded = unit.page.waitForResponse((r) => r.url().endsWith('/api/v1/attachments') && r.request().method() === 'POST');
      await (await chooser).setFiles({ name: '食堂检查现场.jpg', mimeType: 'image/jpeg', buffer: tinyJpeg });
      assert.equal((await uploaded).status(), 201);
    });
    const entry = detail.timelineEvents().filter({ hasText: '进展反馈' });
    await entry.getByTestId('timeline-attachments').getByRole('link', { name: /食堂检查现场\.jpg/ }).waitFor();
    await screenshot(unit.page, 'progress-photo-phone');

    // 报结's 佐证材料 carries the required mark, and saying nothing about it is refused in the form, in the server's words.
    await detail.action('报结').click();
    const d = detail.dialog();
    await d.waitFor();
    await d.locator('label.ant-form-item-required', { hasText: '佐证材料' }).waitFor();
    await d.getByLabel('办结报告').fill('已整改完毕。');
    await d.getByRole('button', { name: /确\s*定/ }).click();
    await d.getByText('请至少上传一份佐证材料').waitFor();
    await d.getByRole('button', { name: /取\s*消/ }).click();

    // 督查员 reads the same photo from the timeline.
    const officeDetail = new MatterDetailPage(office.page);
    await officeDetail.goto(opened.id);
    const link = officeDetail.timelineEvents().filter({ hasText: '进展反馈' }).getByRole('link', { name: /食堂检查现场\.jpg/ });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const res = await office.context.request.get(href!);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'image/jpeg');
  } finally {
    for (const c of contexts) await c.close();
  }
});
