import type { Deps } from '../../deps';
import type { Actor } from '../../http/context';

/** One to-do line on 我的工作台: what, how many, where to go. */
export interface WorkbenchItem {
  key: string;
  title: string;
  count: number;
  link: string;
  description?: string;
}

/**
 * Each module contributes its to-dos through a provider, so the workbench
 * never reads another module's tables. Providers return nothing for roles
 * they don't serve.
 */
export type WorkbenchProvider = (deps: Deps, actor: Actor) => Promise<WorkbenchItem[]>;
