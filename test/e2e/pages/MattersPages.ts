import type { Locator, Page } from 'playwright-core';
import { AppShell } from './AppShell';
import { settle } from '../support/env';

/** 督查台账 /matters. */
export class LedgerPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async goto(): Promise<void> {
    await this.page.goto('/matters');
    await this.heading('督查台账').waitFor();
  }

  /** Filters by title keyword and one state (by its Chinese label), through the form. */
  async search(q: string, stateLabel: string): Promise<void> {
    await this.page.getByLabel('关键词').fill(q);
    // antd's option list is virtual (role=option only on an off-screen copy); the visible options carry their label as title.
    await this.page.getByLabel('状态').click();
    await this.page.getByTitle(stateLabel, { exact: true }).click();
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('button', { name: /查\s*询/ }).click();
  }

  row(title: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: title }) });
  }
}

/** 立项 /matters/new. */
export class NewMatterPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async fill(m: {
    title: string;
    requirement: string;
    leadUnit: string;
    leaderName: string;
    instruction: string;
    category: string;
  }): Promise<void> {
    await this.heading('立项').waitFor();
    await this.page.getByLabel('事项标题').fill(m.title);
    await this.page.getByLabel('办理要求').fill(m.requirement);
    await this.page.getByLabel('批示领导', { exact: true }).fill(m.leaderName);
    await this.page.getByLabel('批示内容').fill(m.instruction);
    await this.page.getByLabel('分类标签').fill(m.category);
    await this.page.getByLabel('分类标签').press('Enter');
    await this.page.getByLabel('牵头单位').click();
    await this.page.getByLabel('牵头单位').fill(m.leadUnit);
    // Tree nodes carry the unit name as their title.
    await this.page.getByTitle(m.leadUnit, { exact: true }).click();
  }

  async assign(): Promise<void> {
    await this.page.getByRole('button', { name: '立项并交办' }).click();
    await this.page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
  }
}

/** 事项详情 /matters/:id: the header, the action buttons the server allows, and their dialogs. */
export class MatterDetailPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/matters/${id}`);
    await this.page.getByText('办理过程').waitFor();
  }

  actions(): Locator {
    return this.page.getByRole('toolbar', { name: '办理操作' });
  }

  action(name: string): Locator {
    return this.actions().getByRole('button', { name, exact: true });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Opens an action's dialog, lets `fill` complete it, confirms, and waits for the server's answer. */
  async act(name: string, fill: (d: Locator) => Promise<void> = async () => {}): Promise<void> {
    await this.action(name).click();
    const d = this.dialog();
    await d.waitFor();
    // A click while the dialog is still zooming in can be lost (a radio stays unchecked), so wait until it stands still.
    await settle(this.page);
    await fill(d);
    const answered = this.page.waitForResponse((r) => /\/api\/v1\/matters\/[^/]+\/actions\//.test(r.url()) && r.request().method() === 'POST');
    await d.getByRole('button', { name: /确\s*定/ }).click();
    const res = await answered;
    if (!res.ok()) throw new Error(`${name} → ${res.status()} ${await res.text()}`);
    await d.waitFor({ state: 'hidden' });
  }

  /** The state tag in the header, e.g. 办理中. */
  state(label: string): Locator {
    return this.page.locator('.ant-tag').filter({ hasText: new RegExp(`^${label}$`) }).first();
  }

  timelineEvents(): Locator {
    return this.page.getByTestId('timeline-event');
  }
}
