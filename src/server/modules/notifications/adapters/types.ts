/** What a group robot or webhook receives for one notify() call, independent of the platform. */
export interface ChannelMessage {
  /** the outbox row id; stable across retries so receivers can drop duplicates */
  deliveryId: string;
  /** the notification kind, e.g. 'matter.assigned' or 'channel.test' */
  event: string;
  title: string;
  body: string;
  /** absolute http(s) link, or null when the notification has none or no public address is set */
  link: string | null;
  /** names of the users the notification went to */
  recipients: string[];
  /** when the message was queued (ISO 8601); fixed, so a retried body is byte-identical where no signature time is involved */
  createdAt: string;
}

export interface ChannelTarget {
  url: string;
  secret: string | null;
}

/** A fully built HTTP request; adapters are pure and never send it themselves. */
export interface HttpRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ReplyVerdict {
  ok: boolean;
  /** why a reply counts as a failure, in Chinese for the admin outbox page */
  error?: string;
}

export const DELIVERY_HEADER = 'X-Zhongshu-Delivery';
export const SIGNATURE_HEADER = 'X-Zhongshu-Signature';
