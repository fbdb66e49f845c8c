import dayjs from 'dayjs';

/** Dates the way Chinese office users write them: 2026-03-05 14:30. */
export const fmtDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** Only in-app paths become links: a stored `javascript:` or foreign URL must never be clickable. */
export const isInternalLink = (link: string | null | undefined): link is string =>
  !!link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');
