import type { Page } from 'playwright-core';
import { AppShell } from './AppShell';

/** 修改密码, also the only page open while a change is due. */
export class PasswordPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async waitForced(): Promise<void> {
    await this.page.waitForURL('**/password');
    await this.page.getByText('请先修改密码', { exact: true }).waitFor();
  }

  async change(current: string, next: string): Promise<void> {
    await this.page.getByLabel('当前密码').fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('确认新密码').fill(next);
    await this.page.getByRole('button', { name: '确认修改' }).click();
  }

  serverError() {
    return this.page.locator('.ant-alert-error');
  }
}
