import type { Locator, Page } from 'playwright-core';
import { AppShell } from './AppShell';

/** 审计日志 (auditor). */
export class AuditPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: /校验/ }).click();
    const outcome = this.page.getByText(/^校验(通过|未通过)/);
    await outcome.waitFor();
    return outcome;
  }
}
