import type { Page } from 'playwright-core';
import { AppShell } from './AppShell';

export class WorkbenchPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async waitLoaded(): Promise<void> {
    await this.page.waitForURL('**/workbench');
    await this.heading('我的工作台').waitFor();
    // Either to-do cards or the empty state, never a spinner left behind.
    await this.page.locator('.ant-statistic, .ant-empty').first().waitFor();
  }
}
