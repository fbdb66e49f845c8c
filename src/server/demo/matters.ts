import { eq, inArray } from 'drizzle-orm';
import { ManualClock } from '../clock';
import type { Deps } from '../deps';
import { units, users } from '../db/schema';
import { actorIdentity, type Actor } from '../http/context';
import { matterSources, reviewChecklistItems, type MatterPriority, type ReviewChecklist } from '../../shared/supervision';
import { addDays, chinaDateOf } from '../domain/calendar/dates';
import { loadWorkCalendar } from '../modules/calendar/service';
import { uploadAttachment } from '../modules/attachments/service';
import { act, openMatter } from '../modules/supervision/service';
import { findMatter } from '../modules/supervision/repo';
import { demoRequirement, demoTitle, demoTopics } from './matter-topics';

/** A small seeded generator, so every demo start builds the same year. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const progressTexts = [
  (t: string) => `已制定${t}工作方案，明确责任人和时间节点。`,
  (t: string) => `${t}已完成摸底排查，正在逐项整改。`,
  (t: string) => `${t}整改过半，剩余事项正按节点推进。`,
  (t: string) => `${t}主体工作基本完成，正在查漏补缺、整理佐证材料。`,
];

const checklist = Object.fromEntries(reviewChecklistItems.map((i) => [i, true])) as ReviewChecklist;
/** A one-page blank PDF: uploads are opened by a PDF reader for the 密级 check, so it must be a real one. */
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type Fate = 'draft' | 'assigned' | 'assessing' | 'in_progress' | 'late' | 'reviewing' | 'closed' | 'closed_late' | 'rechecked';

/** Old matters are mostly finished; recent ones are spread over the loop, so the board shows every light. */
function fateFor(ageDays: number, r: number): Fate {
  if (ageDays > 75) return r < 0.72 ? 'closed' : r < 0.84 ? 'closed_late' : r < 0.92 ? 'rechecked' : 'late';
  if (ageDays > 30) return r < 0.45 ? 'closed' : r < 0.6 ? 'reviewing' : r < 0.8 ? 'in_progress' : r < 0.9 ? 'late' : 'closed_late';
  return r < 0.12 ? 'draft' : r < 0.3 ? 'assigned' : r < 0.38 ? 'assessing' : r < 0.85 ? 'in_progress' : 'reviewing';
}

async function actorFor(deps: Deps, username: string): Promise<Actor> {
  const [row] = await deps.db
    .select({ u: users, path: units.path, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username));
  if (!row) throw new Error(`demo user ${username} missing`);
  return {
    ...actorIdentity(row.u, { name: row.unitName, path: row.path }),
    via: 'session',
    scope: 'write',
    mustChangePassword: false,
  };
}

/**
 * A year of 督查督办 in 示例县, driven through the real service with a clock
 * set to each step's day, so every event, light and statistic is what the
 * loop itself produced.
 */
export async function seedDemoMatters(deps: Deps, count = 90, onProgress?: (msg: string) => void): Promise<number> {
  const clock = new ManualClock(deps.clock.now());
  const d: Deps = { ...deps, clock };
  const today = chinaDateOf(deps.clock.now());
  const calendar = await loadWorkCalendar(deps.db);
  const rand = prng(20261127);
  const meta = (a: Actor) => ({ ip: '127.0.0.1', requestId: 'demo-seed', actor: a });
  const ducha = await actorFor(deps, 'ducha');
  const leaders = await deps.db.select({ id: users.id }).from(users).where(inArray(users.username, ['shuji', 'mishuzhang']));
  const targets = await deps.db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.type, ['department', 'township']));
  const prefix = new Map([
    ['ZZB', 'zzb'], ['JW', 'jw'], ['XCB', 'xcb'], ['ZFW', 'zfw'], ['NB', 'nb'], ['FGW', 'fgw'], ['JYJ', 'jyj'], ['STHJJ', 'sthjj'],
    ['NYNCJ', 'nyncj'], ['QXJ', 'qxj'], ['TJJ', 'tjj'], ['WLJ', 'wlj'], ['HZX', 'huangzhuang'], ['ZFZ', 'zhifang'], ['DTZ', 'deting'],
    ['CCZ', 'checun'], ['HCX', 'hecun'],
  ]);
  const at = (day: string, hour: number) => clock.set(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const working = (day: string) => (calendar.isWorkingDay(day) ? day : calendar.addWorkingDays(day, 0));

  for (let i = 0; i < count; i++) {
    // Skewed towards recent weeks, so the open part of the loop (every light and state) is well populated.
    const ageDays = Math.floor(Math.pow((count - i) / count, 1.7) * 360) + 1;
    const opened = working(addDays(today, -ageDays));
    if (opened > today) continue;
    const unit = targets[Math.floor(rand() * targets.length)]!;
    const liaison = await actorFor(deps, `${prefix.get(unit.code)}_lly`);
    const head = await actorFor(deps, `${prefix.get(unit.code)}_fzr`);
    const source = matterSources[Math.floor(rand() * (matterSources.length - 1))]!;
    const topic = demoTopics[i % demoTopics.length]!;
    const fate = fateFor(ageDays, rand());
    const days = 5 + Math.floor(rand() * 20);
    const priority: MatterPriority = rand() < 0.15 ? 'extra_urgent' : rand() < 0.4 ? 'urgent' : 'normal';
    at(opened, 9);
    const id = await openMatter(d, meta(ducha), ducha, {
      plan: {
        title: demoTitle(source, topic),
        source,
        priority,
        categories: [topic.slice(0, 4)],
        leadUnitId: unit.id,
        coUnitIds: rand() < 0.25 ? [targets[(targets.indexOf(unit) + 3) % targets.length]!.id] : [],
        deadlineRule: { kind: 'working_days', days },
        milestones: [],
        progressCadenceDays: rand() < 0.3 ? 5 : null,
        recheckRequired: fate === 'rechecked',
        instructingLeaderId: source === 'instruction' ? leaders[0]!.id : null,
      },
      requirement: demoRequirement(topic),
      sourceRef: source === 'instruction' ? { leaderName: '王建国', date: opened, text: `请${topic}牵头单位抓紧落实，按期报结果。` } : {},
      handlers: {},
      assign: fate !== 'draft',
    });
    const step = async (who: Actor, day: string, hour: number, action: Parameters<typeof act>[5]) => {
      at(day, hour);
      if (day > today) return false;
      const row = await findMatter(deps.db, who, id);
      await act(d, meta(who), who, id, row!.version, action);
      return true;
    };
    if (fate === 'draft' || fate === 'assigned') continue;
    const deadline = calendar.addWorkingDays(opened, days);
    const day1 = calendar.addWorkingDays(opened, 1);
    if (fate === 'assessing') {
      await step(liaison, day1, 10, { type: 'return', reason: '该事项主要职责不在本单位，建议改由相关部门牵头' });
      continue;
    }
    if (!(await step(liaison, day1, 10, { type: 'accept' }))) continue;
    const submitDay = fate === 'closed_late' ? calendar.addWorkingDays(deadline, 2) : calendar.addWorkingDays(opened, days - 1);
    // Progress every few working days while the unit works on it, as a diligent liaison reports.
    const reportsUntil = fate === 'in_progress' || fate === 'late' ? today : submitDay;
    for (let k = 0, day = calendar.addWorkingDays(opened, 2); day < reportsUntil && k < 8; k++, day = calendar.addWorkingDays(day, 3)) {
      if (!(await step(liaison, day, 15, { type: 'report_progress', text: progressTexts[k % progressTexts.length]!(topic) }))) break;
    }
    if (fate === 'in_progress' || fate === 'late') continue;
    if (submitDay > today) continue;
    at(submitDay, 11);
    const evidence = await d.db.transaction((tx) =>
      uploadAttachment(tx, clock, meta(liaison), liaison, { filename: `${topic}办理情况报告.pdf`, content: pdf }),
    );
    await step(liaison, submitDay, 11, { type: 'submit_completion', report: `${topic}已按要求完成，详见附件。`, evidenceIds: [evidence.id] });
    await step(head, submitDay, 16, { type: 'approve_completion', approved: true });
    if (fate === 'reviewing') continue;
    const reviewDay = calendar.addWorkingDays(submitDay, 1);
    await step(ducha, reviewDay, 10, { type: 'review', approved: true, checklist });
    if (fate === 'rechecked') await step(ducha, calendar.addWorkingDays(reviewDay, 2), 10, { type: 'recheck', passed: true });
    if (i % 15 === 0) onProgress?.(`督查事项 ${i + 1}/${count}`);
  }
  return count;
}
