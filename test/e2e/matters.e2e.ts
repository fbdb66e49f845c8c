import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { LedgerPage, MatterDetailPage, NewMatterPage } from './pages/MattersPages';
import { signedIn } from './support/api';
import { launchBrowser, phone, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A page signed in as `username`; each role of the journey gets its own browser context (own cookies). */
const as = (username: string, viewport?: { width: number; height: number }) => signedIn(browser, username, viewport);

/** The smallest file the attachment checks accept as a PDF: one blank page, as a PDF reader must open it for the 密级 check. */
const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test('督查督办 loop: 督查员 assigns to 县教育局, the liaison accepts, reports and submits, the head approves, 督查员 reviews and closes', async () => {
  const stamp = Date.now().toString(36);
  const title = `关于加强校园周边交通安全整治的督办事项 ${stamp}`;
  const contexts: BrowserContext[] = [];
  try {
    // 1. 督查员 opens and assigns the matter through the 立项 page.
    const ducha = await as('ducha');
    contexts.push(ducha.context);
    const ledger = new LedgerPage(ducha.page);
    await ledger.goto();
    await ledger.menuItem('督查台账').waitFor();
    await ducha.page.getByRole('button', { name: '立项' }).click();
    const create = new NewMatterPage(ducha.page);
    await create.fill({
      title,
      requirement: '对全县中小学校园周边道路开展交通安全隐患排查，设置警示标志，完成整改后报送办理结果。',
      leadUnit: '县教育局',
      leaderName: '王建国',
      instruction: '请县教育局牵头抓紧落实，确保开学前整改到位。',
      category: '校园安全',
    });
    await create.assign();
    const id = ducha.page.url().split('/').pop() ?? '';
    // 县教育局's 办结 figure on the board (this year to today, the board's default period) before this matter closes.
    const closedOnBoard = async () => {
      const board = (await (await ducha.context.request.get('/api/v1/supervision/board')).json()) as { units: { unit: { name: string }; closed: number }[] };
      return board.units.find((u) => u.unit.name === '县教育局')?.closed ?? 0;
    };
    const closedBefore = await closedOnBoard();
    const duchaDetail = new MatterDetailPage(ducha.page);
    await duchaDetail.state('已交办').waitFor();
    await ducha.page.getByRole('cell', { name: '校园安全' }).waitFor();
    assert.equal(await duchaDetail.action('签收').count(), 0, 'only the lead unit signs for a matter');

    // 2. The liaison of 县教育局 accepts, reports progress, and submits completion with evidence.
    const lly = await as('jyj_lly');
    contexts.push(lly.context);
    const unit = new MatterDetailPage(lly.page);
    await unit.goto(id);
    await unit.act('签收');
    await unit.state('办理中').waitFor();
    await unit.act('进展反馈', async (d) => {
      await d.getByLabel('进展情况').fill('已完成全县 42 所学校周边道路排查，发现隐患 17 处，已整改 12 处。');
    });
    await unit.act('报结', async (d) => {
      await d.getByLabel('办结报告').fill('17 处隐患已全部整改完毕，新增警示标志 36 块，详见佐证材料。');
      const chooser = lly.page.waitForEvent('filechooser');
      await d.getByRole('button', { name: '上传佐证材料' }).click();
      const uploaded = lly.page.waitForResponse((r) => r.url().endsWith('/api/v1/attachments') && r.request().method() === 'POST');
      await (await chooser).setFiles({ name: '整改情况报告.pdf', mimeType: 'application/pdf', buffer: tinyPdf });
      const res = await uploaded;
      assert.equal(res.status(), 201, `upload answered ${res.status()} ${await res.text()}`);
    });
    // The pending-completion notice (the refused 报结 beside it also names the head's approval).
    await unit.page.getByText(/^已报结（.*），待单位负责人审批$/).waitFor();
    // The uploader sees the evidence by its file name in the pending completion and the timeline.
    await unit.page.getByRole('link', { name: /整改情况报告\.pdf/ }).first().waitFor();

    // 3. The unit head approves the completion report.
    const fzr = await as('jyj_fzr');
    contexts.push(fzr.context);
    const head = new MatterDetailPage(fzr.page);
    await head.goto(id);
    await head.act('单位审批报结', async (d) => {
      await d.getByRole('radio', { name: '同意报结' }).check();
    });
    await head.state('审核中').waitFor();

    // 4. 督查员 reviews against the full 审结 checklist; the matter is closed.
    await duchaDetail.goto(id);
    await duchaDetail.act('审核', async (d) => {
      await d.getByRole('radio', { name: '审核通过' }).check();
      for (const item of ['事实清楚', '问题解决', '任务完成', '结论恰当', '措施合法', '手续完备']) {
        await d.getByRole('checkbox', { name: item }).check();
      }
    });
    await duchaDetail.state('已办结').waitFor();
    assert.equal(await duchaDetail.actions().getByRole('button', { name: '审核' }).count(), 0, 'a closed matter cannot be reviewed again');
    const events = await duchaDetail.timelineEvents().allTextContents();
    for (const label of ['立项', '交办', '签收', '进展反馈', '报结', '单位审批报结', '审核']) {
      assert.ok(events.some((t) => t.startsWith(label)), `the timeline shows ${label}: ${events.join(' | ')}`);
    }
    // Evidence is listed in the 报结 entry (a download link; its name shows once the API links files to the matter).
    await duchaDetail.timelineEvents().filter({ hasText: '佐证材料' }).getByRole('link').first().waitFor();
    await screenshot(ducha.page, 'matter-detail-closed');

    // 挂图作战 counts it: 县教育局 has one more 办结, and the matter is on neither the red nor the yellow list.
    await ducha.page.goto('/board');
    await ledger.heading('挂图作战').waitFor();
    await ducha.page.getByTestId('chart-units').getByText('表格', { exact: true }).click();
    await ducha.page.getByRole('link', { name: `县教育局办结 ${closedBefore + 1} 项` }).waitFor();
    for (const list of ['board-red', 'board-yellow']) {
      assert.equal(await ducha.page.getByTestId(list).getByRole('link', { name: title }).count(), 0, `the closed matter is not in ${list}`);
    }
    await screenshot(ducha.page, 'board-after-close');

    // 5. The ledger finds it among the closed matters by its title.
    await ledger.goto();
    await ledger.search(stamp, '已办结');
    await ducha.page.waitForURL(/state=closed/);
    await ledger.row(title).waitFor();
    assert.match((await ledger.row(title).textContent()) ?? '', /县教育局.*已办结/);
    await screenshot(ducha.page, 'matters-ledger');

    // 6. The same detail at phone width: nothing sticks out sideways.
    const mobile = await as('ducha', phone);
    contexts.push(mobile.context);
    const small = new MatterDetailPage(mobile.page);
    await small.goto(id);
    await small.state('已办结').waitFor();
    assert.equal(await small.hasHorizontalOverflow(), false, 'the detail page fits 375 px');
    await screenshot(mobile.page, 'matter-detail-phone');

    // And the ledger at phone width becomes a card list, filters kept in the address.
    await mobile.page.goto(`/matters?state=closed&q=${stamp}`);
    await mobile.page.getByRole('link', { name: title }).waitFor();
    assert.equal(await small.hasHorizontalOverflow(), false, 'the ledger fits 375 px');
    await screenshot(mobile.page, 'matters-ledger-phone');
  } finally {
    for (const c of contexts) await c.close();
  }
});
