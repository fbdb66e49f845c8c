import { useEffect } from 'react';

export const productTitle = '中枢 · 党委办公室工作平台';

/** Browser tab titles name the page first, so a row of tabs stays readable. */
export function useTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} - ${productTitle}` : productTitle;
  }, [page]);
}
