import type { Locator, Page } from 'playwright-core';
import { AppShell } from './AppShell';

/** 用户管理 (sysadmin). */
export class UsersAdminPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async search(q: string): Promise<void> {
    await this.page.goto(`/admin/users?q=${encodeURIComponent(q)}`);
    await this.heading('用户管理').waitFor();
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }
}
