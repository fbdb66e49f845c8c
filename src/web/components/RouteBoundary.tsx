import { Component, type ReactNode } from 'react';
import { CrashPage } from '../pages/errors/ErrorPages';

/**
 * Keeps a crash in one page (or a failed lazy chunk) from blanking the header
 * and menu. The layout keys it by path, so navigating away starts it afresh.
 */
export class RouteBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <CrashPage /> : this.props.children;
  }
}
