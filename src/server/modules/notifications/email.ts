import nodemailer from 'nodemailer';
import { DELIVERY_HEADER } from './adapters';
import type { SmtpSettings } from './settings';

export interface EmailMessage {
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

export function composeEmail(deliveryId: string, to: string, title: string, body: string, link: string | null): EmailMessage {
  const parts = [title, '', body];
  if (link) parts.push('', `查看详情：${link}`);
  parts.push('', '—— 本邮件由中枢平台自动发送，请勿直接回复。');
  return { deliveryId, to, subject: `【中枢】${title}`, text: parts.join('\n') };
}

/**
 * One SMTP transaction per message, each with the delivery timeout on every
 * phase and overall. The Message-ID is derived from the outbox id, so a
 * retry after a lost reply carries the same id and mail systems can drop it.
 */
export async function sendEmail(smtp: SmtpSettings, msg: EmailMessage, timeoutMs: number): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.sendMail({
        from: smtp.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        messageId: `<${msg.deliveryId}@zhongshu>`,
        headers: { [DELIVERY_HEADER]: msg.deliveryId },
      }),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/** nodemailer's errors carry an SMTP reply or a socket code; keep that, in Chinese framing. */
export function describeEmailError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && e.name === 'TimeoutError') return `邮件发送超时（超过 ${timeoutMs} 毫秒）`;
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  if (err.responseCode) return `邮件服务器拒绝：${err.responseCode} ${err.response ?? ''}`.trim().slice(0, 500);
  return `邮件发送失败：${err.code ?? err.message ?? String(e)}`.slice(0, 500);
}
