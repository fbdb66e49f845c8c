import dayjs from 'dayjs';

/** Dates the way Chinese office users write them: 2026-03-05 14:30. */
export const fmtDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** In-app paths become router links; a stored `javascript:` (or any other scheme) must never be clickable. */
export const isInternalLink = (link: string): boolean =>
  link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');

/** Absolute web addresses (a notice on gov.cn, say) open in a new tab; nothing else is linked. */
export const isWebLink = (link: string): boolean => /^https?:\/\/[^\s]+$/i.test(link);
