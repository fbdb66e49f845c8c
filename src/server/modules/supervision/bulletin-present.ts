import type { BulletinMeta } from './bulletin-repo';

export const bulletinStatusLabels = { draft: '草稿', published: '已发布' } as const;

type Names = Map<string, string>;
const person = (names: Names, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

/** A row of the bulletin list: what it is about and where it stands, without the figures. */
export function presentBulletinSummary(r: BulletinMeta, names: Names) {
  return {
    id: r.id,
    title: r.title,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    asOf: r.asOf,
    status: r.status,
    statusLabel: bulletinStatusLabels[r.status],
    createdBy: person(names, r.createdBy),
    createdAt: r.createdAt.toISOString(),
    publishedBy: person(names, r.publishedBy),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    documentUrl: `/api/v1/bulletins/${r.id}/document.docx`,
    version: r.version,
  };
}

/** The whole bulletin: the summary, the editable sections and the frozen figures. */
export function presentBulletin(r: BulletinMeta, names: Names) {
  return {
    ...presentBulletinSummary(r, names),
    praise: r.praise,
    criticism: r.criticism,
    stats: r.stats,
    overdue: r.overdue,
  };
}
