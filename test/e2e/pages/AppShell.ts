import type { Locator, Page } from 'playwright-core';

/** The layout every signed-in page shares: header, side menu (drawer on phones), bell, user menu. */
export class AppShell {
  constructor(readonly page: Page) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 3 });
  }

  /** Items of the side menu (or of the drawer's menu on phones). */
  menuItem(name: string): Locator {
    return this.page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem', { name });
  }

  menuItems(): Locator {
    return this.page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem');
  }

  hamburger(): Locator {
    return this.page.getByRole('button', { name: '打开菜单' });
  }

  demoBanner(): Locator {
    return this.page.getByText(/演示模式/);
  }

  bell(): Locator {
    return this.page.getByRole('button', { name: /^通知中心/ });
  }

  async openNotifications(): Promise<void> {
    await this.bell().click();
    await this.page.waitForURL('**/notifications');
    await this.heading('通知中心').waitFor();
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: '用户菜单' }).click();
    await this.page.getByRole('menuitem', { name: '退出登录' }).click();
    await this.page.waitForURL('**/login');
  }

  /** True when nothing sticks out sideways: the page itself never scrolls horizontally. */
  async hasHorizontalOverflow(): Promise<boolean> {
    return this.page.evaluate(() => {
      const doc = document.documentElement;
      return doc.scrollWidth > doc.clientWidth || document.body.scrollWidth > doc.clientWidth;
    });
  }
}
