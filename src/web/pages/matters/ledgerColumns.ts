import { useState } from 'react';

/** The ledger's optional columns, off by default so the table fits a laptop; the user's choice is kept in this browser. */
export const optionalColumns = [
  { key: 'handler', label: '承办人' },
  { key: 'reminders', label: '催办次数' },
  { key: 'latestProgress', label: '最近进展' },
] as const;
export type OptionalColumn = (typeof optionalColumns)[number]['key'];

const storageKey = 'zhongshu.ledger.columns';

function read(): OptionalColumn[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(v) ? optionalColumns.map((c) => c.key).filter((k) => v.includes(k)) : [];
  } catch {
    return [];
  }
}

export function useLedgerColumns(): [OptionalColumn[], (v: OptionalColumn[]) => void] {
  const [shown, setShown] = useState<OptionalColumn[]>(read);
  const set = (v: OptionalColumn[]) => {
    setShown(v);
    try {
      localStorage.setItem(storageKey, JSON.stringify(v));
    } catch {
      // a browser that keeps nothing still shows the columns for this visit
    }
  };
  return [shown, set];
}
