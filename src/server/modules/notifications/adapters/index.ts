import type { ChannelKind } from '../../../db/schema';
import { buildDingtalkRequest, interpretDingtalkReply } from './dingtalk';
import { buildFeishuRequest, interpretFeishuReply } from './feishu';
import type { ChannelMessage, ChannelTarget, HttpRequest, ReplyVerdict } from './types';
import { buildWebhookRequest, interpretWebhookReply } from './webhook';
import { buildWecomRequest, interpretWecomReply } from './wecom';

export type { ChannelMessage, ChannelTarget, HttpRequest, ReplyVerdict } from './types';
export { DELIVERY_HEADER, SIGNATURE_HEADER } from './types';

interface Adapter {
  build(target: ChannelTarget, msg: ChannelMessage, now: Date): HttpRequest;
  interpret(status: number, body: string): ReplyVerdict;
}

const adapters: Record<ChannelKind, Adapter> = {
  webhook: { build: buildWebhookRequest, interpret: interpretWebhookReply },
  dingtalk: { build: buildDingtalkRequest, interpret: interpretDingtalkReply },
  wecom: { build: buildWecomRequest, interpret: interpretWecomReply },
  feishu: { build: buildFeishuRequest, interpret: interpretFeishuReply },
};

/** Builds the request for a channel; `now` only feeds the signature timestamps DingTalk and Feishu check. */
export const buildChannelRequest = (kind: ChannelKind, target: ChannelTarget, msg: ChannelMessage, now: Date): HttpRequest =>
  adapters[kind].build(target, msg, now);

/** A 2xx with the platform's own success code counts as delivered; anything else is retried. */
export const interpretReply = (kind: ChannelKind, status: number, body: string): ReplyVerdict =>
  adapters[kind].interpret(status, body);
