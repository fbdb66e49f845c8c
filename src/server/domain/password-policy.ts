/** Password rules from 等保2.0 third level; the numbers are settings. */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  maxAgeDays: number;
  historyCount: number;
  maxFailures: number;
  lockMinutes: number;
  idleTimeoutMinutes: number;
}

export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 8,
  minClasses: 3,
  maxAgeDays: 90,
  historyCount: 5,
  maxFailures: 5,
  lockMinutes: 30,
  idleTimeoutMinutes: 30,
};

export function characterClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

/** The Chinese reasons a new password breaks the policy; empty when it passes. */
export function passwordProblems(pw: string, policy: PasswordPolicy, username?: string): string[] {
  const out: string[] = [];
  if ([...pw].length < policy.minLength) out.push(`密码长度至少 ${policy.minLength} 位`);
  if (characterClasses(pw) < policy.minClasses)
    out.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`);
  if (username && pw.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  if (pw.length > 128) out.push('密码不能超过 128 位');
  return out;
}

export function passwordExpired(changedAt: Date, now: Date, policy: PasswordPolicy): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}
