import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { apiJson, loginViaApi, type Session } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

type Matter = { id: string; version: number; title: string };
const unitId = async (s: Session, name: string) =>
  (await apiJson<{ items: { id: string; name: string }[] }>(s, 'GET', '/api/v1/units')).items.find((u) => u.name === name)!.id;

test('units kept informed: 县教育局 returns a matter, 督查员 rules it justified and gives it to 县农业农村局; 教育局 is told and its notification opens the ruling', async () => {
  const stamp = Date.now().toString(36);
  const title = `关于农村学校周边农田灌溉渠安全防护的督办事项 ${stamp}`;
  const contexts: BrowserContext[] = [];
  try {
    // The loop up to the ruling goes through the API: the journey is about what the first unit sees afterwards.
    const ducha = await newPage(browser);
    contexts.push(ducha.context);
    const sup = await loginViaApi(ducha.context, 'ducha');
    let m = await apiJson<Matter>(sup, 'POST', '/api/v1/matters', {
      title,
      requirement: '排查农村学校周边灌溉渠，设置防护栏和警示标志。',
      source: 'meeting_decision',
      leadUnitId: await unitId(sup, '县教育局'),
      deadline: { kind: 'working_days', days: 10 },
      assign: true,
    });
    const lly = await newPage(browser);
    contexts.push(lly.context);
    const jyj = await loginViaApi(lly.context, 'jyj_lly');
    m = await apiJson<Matter>(jyj, 'POST', `/api/v1/matters/${m.id}/actions/return`, { version: m.version, reason: '灌溉渠的建设和管护属于农业农村部门职责' });
    m = await apiJson<Matter>(sup, 'POST', `/api/v1/matters/${m.id}/actions/rule_return`, {
      version: m.version,
      justified: true,
      leadUnitId: await unitId(sup, '县农业农村局'),
      comment: '经研判，灌溉渠管护确属县农业农村局职责，改由其牵头',
    });

    // 县教育局's liaison: the notification says where the matter went, and its link opens the limited view.
    await lly.page.goto('/notifications');
    const notice = lly.page.getByRole('link', { name: `【退回已同意】${title}` });
    await notice.waitFor();
    await lly.page.getByText('事项已改由县农业农村局牵头办理').first().waitFor();
    await notice.click();
    await lly.page.waitForURL(new RegExp(`/matters/${m.id}$`));
    const banner = lly.page.getByTestId('informed-notice');
    await banner.getByText('贵单位的退回申请已同意，事项已改由县农业农村局牵头办理').waitFor();
    const events = lly.page.getByTestId('timeline-event');
    await events.filter({ hasText: '退回理由成立' }).getByText('改由 县农业农村局 牵头').waitFor();
    assert.deepEqual(await events.locator('strong').allInnerTexts(), ['交办', '退回', '研判退回'], 'its assignment, its return and the ruling, nothing else');
    assert.equal(await lly.page.getByRole('toolbar', { name: '办理操作' }).count(), 0, 'no actions for the former unit');
    await screenshot(lly.page, 'informed-former-unit');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
