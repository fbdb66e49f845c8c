/**
 * What an outbox row stores: the platform-neutral message. Platform formats
 * and signatures are built at send time, because DingTalk and Feishu reject
 * signatures older than an hour and a retry may come later than that.
 */
export interface OutboxPayload {
  event: string;
  title: string;
  body: string;
  /** as given to notify(): usually an in-app path, made absolute at send time */
  link: string | null;
  /** channel messages: recipients' names */
  recipients?: string[];
  /** e-mail: the recipient, for the admin page */
  userId?: string;
  /** a test message from the admin page: sent even while the channel is disabled */
  test?: boolean;
}

export function readPayload(raw: Record<string, unknown>): OutboxPayload {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    event: str(raw.event),
    title: str(raw.title),
    body: str(raw.body),
    link: typeof raw.link === 'string' ? raw.link : null,
    recipients: Array.isArray(raw.recipients) ? raw.recipients.filter((r): r is string => typeof r === 'string') : [],
    userId: typeof raw.userId === 'string' ? raw.userId : undefined,
    test: raw.test === true,
  };
}
