import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { LedgerPage, MatterDetailPage } from './pages/MattersPages';
import { apiJson, type Session, signedIn } from './support/api';
import { launchBrowser, phone, screenshot, settle } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const as = (username: string, viewport?: { width: number; height: number }) => signedIn(browser, username, viewport);

interface Created {
  id: string;
  title: string;
  version: number;
}

/** A matter assigned to 县教育局 through the API: the journeys below are about what comes after 立项. */
async function assigned(api: Session, title: string): Promise<Created> {
  const units = await apiJson<{ items: { id: string; name: string }[] } | { id: string; name: string }[]>(api, 'GET', '/api/v1/units');
  const list = Array.isArray(units) ? units : units.items;
  const jyj = list.find((u) => u.name === '县教育局');
  assert.ok(jyj, 'the demo org has 县教育局');
  return apiJson<Created>(api, 'POST', '/api/v1/matters', {
    title,
    source: 'meeting_decision',
    leadUnitId: jyj.id,
    deadline: { kind: 'working_days', days: 15 },
    assign: true,
  });
}

test('督查员 saves a ledger view and re-applies it; bulk-reminds two matters; the view picker fits 375 px', async () => {
  const stamp = Date.now().toString(36);
  const contexts: BrowserContext[] = [];
  try {
    const ducha = await as('ducha');
    contexts.push(ducha.context);
    const ledger = new LedgerPage(ducha.page);
    const { page } = ducha;

    // 1. A red-light view sorted by deadline, saved under a name.
    await page.goto('/matters?light=red&sort=deadline&order=asc');
    await ledger.heading('督查台账').waitFor();
    await page.getByRole('button', { name: '保存为视图' }).click();
    const dialog = page.getByRole('dialog', { name: '保存为视图' });
    await dialog.getByLabel('视图名称').fill(`红灯按期限 ${stamp}`);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The address is the saved view, so the picker shows it as the current one.
    await page.locator('.ant-select').filter({ hasText: `红灯按期限 ${stamp}` }).waitFor();

    // 2. From the plain ledger, picking the view puts its filters back into the address and the form.
    await page.goto('/matters');
    await ledger.heading('督查台账').waitFor();
    await page.getByLabel('台账视图').click();
    await page.getByTitle(`红灯按期限 ${stamp}`, { exact: true }).click();
    await page.waitForURL(/\/matters\?light=red&sort=deadline&order=asc$/);
    await page.getByRole('row').filter({ hasText: '红灯' }).first().waitFor();
    await screenshot(page, 'ledger-saved-view');

    // 3. 批量催办: two matters of 县教育局 still in its hands, chosen by their row checkboxes.
    const a = await assigned(ducha.api, `批量催办甲 ${stamp}`);
    const b = await assigned(ducha.api, `批量催办乙 ${stamp}`);
    await page.goto(`/matters?q=${stamp}`);
    await ledger.row(a.title).waitFor();
    await ledger.row(b.title).waitFor();
    await ledger.row(a.title).getByRole('checkbox').check();
    await ledger.row(b.title).getByRole('checkbox').check();
    await page.getByText('已选 2 项').waitFor();
    await page.getByRole('button', { name: '批量催办' }).click();
    const remind = page.getByRole('dialog', { name: '批量催办' });
    await remind.waitFor();
    await settle(page);
    await remind.getByLabel('催办意见').fill('请于本周五前报送进展情况。');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/matters/bulk/remind'));
    await remind.getByRole('button', { name: /催办 2 项/ }).click();
    assert.equal((await answered).status(), 200);
    await remind.getByTestId('bulk-remind-result').getByText('已催办 2 项').waitFor();
    await screenshot(page, 'ledger-bulk-remind');
    await remind.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByText('已选 2 项').waitFor({ state: 'hidden' });
    // Each matter's timeline has the 催办 with its comment.
    const detail = new MatterDetailPage(page);
    await detail.goto(a.id);
    await detail.timelineEvents().filter({ hasText: '请于本周五前报送进展情况' }).first().waitFor();

    // 4. The view picker, its buttons and the selectable cards at phone width: nothing sticks out sideways.
    const mobile = await as('ducha', phone);
    contexts.push(mobile.context);
    await mobile.page.goto('/matters?light=red&sort=deadline&order=asc');
    await mobile.page.locator('.ant-select').filter({ hasText: /红灯按期限/ }).waitFor();
    await mobile.page.getByRole('button', { name: /保存为视图/ }).waitFor();
    // On a phone the ledger's cards carry the 批量催办 checkboxes.
    await mobile.page.getByRole('checkbox', { name: /^选择 / }).and(mobile.page.locator(':enabled')).first().check();
    await mobile.page.getByText('已选 1 项').waitFor();
    assert.equal(await new LedgerPage(mobile.page).hasHorizontalOverflow(), false, 'the ledger with its view picker fits 375 px');
    await screenshot(mobile.page, 'ledger-saved-view-phone');

    // 5. The view is deleted again (picked first: a view is deleted as the current one).
    await page.goto('/matters');
    await page.getByLabel('台账视图').click();
    await page.getByTitle(`红灯按期限 ${stamp}`, { exact: true }).click();
    await page.waitForURL(/light=red/);
    await page.getByRole('button', { name: '删除视图' }).click();
    await page.getByRole('button', { name: /删\s*除/ }).last().click();
    await page.locator('.ant-select').filter({ hasText: `红灯按期限 ${stamp}` }).waitFor({ state: 'detached' });
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('督查员 splits a matter into a sub-matter listed on the parent, and takes the 问责移交 package once referred; so does the auditor', async () => {
  const stamp = Date.now().toString(36);
  const contexts: BrowserContext[] = [];
  try {
    const ducha = await as('ducha');
    contexts.push(ducha.context);
    const { page } = ducha;
    const parent = await assigned(ducha.api, `全县校舍安全隐患排查整治 ${stamp}`);
    const childTitle = `城区学校校舍排查 ${stamp}`;

    // 1. 拆分子事项 opens 立项 with the parent named; the child is assigned to 县教育局.
    const detail = new MatterDetailPage(page);
    await detail.goto(parent.id);
    await detail.actions().getByRole('button', { name: /拆分子事项/ }).click();
    await page.waitForURL(`**/matters/new?parent=${parent.id}`);
    await page.getByText(`拆分子事项，上级事项：${parent.title}`).waitFor();
    await page.getByLabel('事项标题').fill(childTitle);
    await page.getByLabel('牵头单位').click();
    await page.getByLabel('牵头单位').fill('县教育局');
    await page.getByTitle('县教育局', { exact: true }).click();
    await page.getByRole('button', { name: '立项并交办' }).click();
    await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
    await detail.state('已交办').waitFor();

    // 2. The child names its parent; the parent lists the child with its unit, state and deadline.
    await page.getByRole('link', { name: parent.title }).click();
    await page.waitForURL(`**/matters/${parent.id}`);
    const subs = page.getByTestId('sub-matters');
    const row = subs.getByRole('row').filter({ has: page.getByRole('link', { name: childTitle }) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /县教育局.*已交办/);
    await subs.getByText('1 项未办结').waitFor();
    await screenshot(page, 'matter-sub-matters');

    // 3. After 问责移交 the package downloads: a .zip named for the matter.
    await detail.act('问责移交', async (d) => {
      await d.getByRole('radio', { name: '其他（督查员说明理由）' }).check();
      await d.getByLabel('移交理由').fill('多次催办仍未按期整改，移交纪检监察机关。');
      await d.getByRole('checkbox', { name: '纪检监察机关' }).check();
    });
    const button = detail.actions().getByRole('link', { name: /问责移交材料/ });
    await button.waitFor();
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^问责移交材料-[0-9a-f]{8}\.zip$/);
    assert.equal(await file.failure(), null);
    const res = await ducha.context.request.get(`/api/v1/matters/${parent.id}/referral-package.zip`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/zip');
    assert.match(res.headers()['content-disposition'] ?? '', /attachment; filename\*=UTF-8''/);
    await screenshot(page, 'matter-referral');

    // 4. The auditor does no business and has no matter page: the package is taken from the referral's audit record.
    const auditor = await as('auditor');
    contexts.push(auditor.context);
    await auditor.page.goto('/admin/audit');
    await auditor.page.getByLabel('对象编号').fill(parent.id);
    await auditor.page.getByRole('button', { name: /查\s*询/ }).click();
    const fromAudit = auditor.page.getByRole('link', { name: /问责移交材料/ });
    await fromAudit.waitFor();
    const auditorDownload = auditor.page.waitForEvent('download');
    await fromAudit.click();
    assert.match((await auditorDownload).suggestedFilename(), /^问责移交材料-[0-9a-f]{8}\.zip$/);
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('督查员 completes a draft through 修改立项信息 and assigns it in the same step', async () => {
  const stamp = Date.now().toString(36);
  const contexts: BrowserContext[] = [];
  try {
    const ducha = await as('ducha');
    contexts.push(ducha.context);
    const { page } = ducha;
    const title = `草稿：中小学课后服务情况调研 ${stamp}`;
    const draft = await apiJson<Created>(ducha.api, 'POST', '/api/v1/matters', { title, source: 'research' });

    // A draft without a lead unit or time limit cannot be assigned; the page says what is missing.
    const detail = new MatterDetailPage(page);
    await detail.goto(draft.id);
    await detail.state('立项').waitFor();
    await page.getByText('草稿尚未确定牵头单位，暂不能交办').waitFor();
    assert.equal(await detail.action('交办').count(), 0);

    // 修改立项信息 opens the 立项 form filled with the draft; 保存并交办 saves and assigns.
    await detail.action('修改立项信息').click();
    const d = page.getByRole('dialog');
    await d.waitFor();
    await settle(page);
    assert.equal(await d.getByLabel('事项标题').inputValue(), title);
    await d.getByLabel('牵头单位').click();
    await d.getByLabel('牵头单位').fill('县教育局');
    await page.getByTitle('县教育局', { exact: true }).click();
    await d.getByLabel('工作日数').fill('12');
    await d.getByRole('button', { name: '保存并交办' }).click();
    await d.waitFor({ state: 'hidden' });
    await detail.state('已交办').waitFor();
    await page.getByText('交办后 12 个工作日内完成').waitFor();
    const events = await detail.timelineEvents().allTextContents();
    assert.ok(events.some((t) => t.startsWith('修改立项信息')) && events.some((t) => t.startsWith('交办')), events.join(' | '));
    await screenshot(page, 'matter-draft-assigned');
  } finally {
    for (const c of contexts) await c.close();
  }
});
