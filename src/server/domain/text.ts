import { AppError } from '../errors';
import { findClassifiedMarking } from './classified';

/** Refuses text carrying a 密级 marking: this is a non-classified system (保密法). */
export function assertNotClassified(...texts: (string | null | undefined)[]): void {
  for (const t of texts) {
    if (!t) continue;
    const mark = findClassifiedMarking(t);
    if (mark) {
      throw new AppError(
        'CLASSIFIED_CONTENT',
        `内容含有密级标识“${mark}”。本系统为非涉密系统，严禁录入涉密信息，请通过涉密渠道处理。`,
      );
    }
  }
}
