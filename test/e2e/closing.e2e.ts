import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { MatterDetailPage } from './pages/MattersPages';
import { apiJson, type Session, signedIn } from './support/api';
import { launchBrowser, phone, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const as = (username: string, viewport?: { width: number; height: number }) => signedIn(browser, username, viewport);

interface Matter {
  id: string;
  version: number;
  milestones: { id: string; title: string }[];
}

const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A matter assigned to 县教育局 through the API: these journeys are about what comes after 立项. */
async function assigned(api: Session, title: string, extra: Record<string, unknown> = {}): Promise<Matter> {
  const units = await apiJson<{ items: { id: string; name: string }[] } | { id: string; name: string }[]>(api, 'GET', '/api/v1/units');
  const jyj = (Array.isArray(units) ? units : units.items).find((u) => u.name === '县教育局');
  assert.ok(jyj, 'the demo org has 县教育局');
  return apiJson<Matter>(api, 'POST', '/api/v1/matters', { title, source: 'meeting_decision', leadUnitId: jyj.id, deadline: { kind: 'working_days', days: 15 }, assign: true, ...extra });
}

const act = (api: Session, m: Matter, action: string, body: Record<string, unknown> = {}) =>
  apiJson<Matter>(api, 'POST', `/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });

async function evidence(api: Session): Promise<string> {
  const res = await api.request.post('/api/v1/attachments', {
    multipart: { file: { name: '办结情况报告.pdf', mimeType: 'application/pdf', buffer: tinyPdf } },
    headers: { 'x-csrf-token': api.csrfToken },
  });
  assert.equal(res.status(), 201, await res.text());
  return ((await res.json()) as { id: string }).id;
}

test('报结 with a pending extension: on a phone the liaison reads why 申请延期 is disabled; 报结 withdraws it on the timeline and 督查员 is told', async () => {
  const stamp = Date.now().toString(36);
  const title = `农村义务教育学校食堂改造 ${stamp}`;
  const contexts: BrowserContext[] = [];
  try {
    const ducha = await as('ducha');
    const lly = await as('jyj_lly', phone);
    contexts.push(ducha.context, lly.context);
    let m = await assigned(ducha.api, title);
    m = await act(lly.api, m, 'accept');
    m = await act(lly.api, m, 'request_extension', { deadline: '2099-12-31', reason: '设备采购需走政府采购程序' });

    // 1. The refusal is shown with the domain's reason, inline (a phone has no hover).
    const unit = new MatterDetailPage(lly.page);
    await unit.goto(m.id);
    const refused = lly.page.getByTestId('refused-actions');
    assert.equal(await refused.getByRole('button', { name: '申请延期' }).isDisabled(), true);
    await refused.getByText('已有待审批的延期申请').waitFor();
    await screenshot(lly.page, 'refused-with-reason-phone');

    // 2. 报结 withdraws the pending extension: its own line on the timeline.
    const file = await evidence(lly.api);
    m = await act(lly.api, m, 'submit_completion', { report: '食堂改造已完工并投入使用。', evidenceIds: [file] });
    await unit.goto(m.id);
    await lly.page.getByTestId('timeline-withdrawn').getByText('报结时撤回了延期申请（申请延至 2099-12-31）').waitFor();

    // 3. 督查员 is told, in the notification centre.
    await ducha.page.goto('/notifications');
    await ducha.page.getByText(`【延期申请已撤回】${title}`).waitFor();
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test('办结 asks a reason for an open milestone; 复核中 says 待复核; 回头看 shows its due day and needs a reason to come early', async () => {
  const stamp = Date.now().toString(36);
  // A milestone a few days ahead, inside the 15 working days of the matter.
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const contexts: BrowserContext[] = [];
  try {
    const ducha = await as('ducha');
    const lly = await as('jyj_lly');
    const fzr = await as('jyj_fzr');
    contexts.push(ducha.context, lly.context, fzr.context);
    let m = await assigned(ducha.api, `校园安全隐患排查 ${stamp}`, { recheckRequired: true, milestones: [{ title: '制定排查方案', deadline: soon }] });
    m = await act(lly.api, m, 'accept');
    m = await act(lly.api, m, 'submit_completion', { report: '排查整改已完成。', evidenceIds: [await evidence(lly.api)] });
    m = await act(fzr.api, m, 'approve_completion', { approved: true });

    const detail = new MatterDetailPage(ducha.page);
    await detail.goto(m.id);
    await detail.act('审核', async (d) => {
      await d.getByRole('radio', { name: '审核通过' }).check();
      for (const item of ['事实清楚', '问题解决', '任务完成', '结论恰当', '措施合法', '手续完备']) await d.getByRole('checkbox', { name: item }).check();
      await d.getByLabel(/节点“制定排查方案”.*免于完成的理由/).fill('方案由县安委会统一制定');
    });
    await detail.state('复核中').waitFor();
    await ducha.page.getByText(/审核已通过，待复核/).waitFor();
    await ducha.page.getByTestId('timeline-waived').getByText('节点“制定排查方案”免于完成：方案由县安委会统一制定').waitFor();

    await detail.act('复核', async (d) => {
      await d.getByRole('radio', { name: '复核通过' }).check();
    });
    await detail.state('已办结').waitFor();
    await ducha.page.getByText(/^回头看到期日：\d{4}-\d{2}-\d{2}$/).first().waitFor();
    await detail.act('回头看', async (d) => {
      await d.getByRole('checkbox', { name: '提前回头看' }).check();
      await d.getByLabel('提前回头看的理由').fill('群众来信反映隐患反弹');
      await d.getByRole('radio', { name: '回头看通过' }).check();
    });
    await ducha.page.getByText(/提前回头看（到期日 \d{4}-\d{2}-\d{2}）：群众来信反映隐患反弹/).waitFor();
    await screenshot(ducha.page, 'closing-rules');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
