import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildChannelRequest, interpretReply, type ChannelMessage } from './adapters';
import { dingtalkSign } from './adapters/dingtalk';
import { feishuSign } from './adapters/feishu';
import { recipientsLine, truncateBytes } from './adapters/text';
import { webhookSignature } from './adapters/webhook';
import { retryDelayMs } from './backoff';
import { absoluteLink } from './settings';

// Expected signatures were computed independently with Python's hmac/base64/urllib (see each test).
const now = new Date('2026-03-02T09:00:00+08:00'); // 1772413200 s

const msg: ChannelMessage = {
  deliveryId: '5b8d1a57-0c55-4f47-9b0e-3f2f7a1d2c10',
  event: 'matter.assigned',
  title: '新交办事项：城区道路积水整治',
  body: '请于 3 月 9 日前签收并报送整改方案。',
  link: 'https://zs.example.gov.cn/matters/42',
  recipients: ['张三', '李四'],
  createdAt: '2026-03-02T01:00:00.000Z',
};

describe('generic webhook', () => {
  it('signs the exact body: sha256=<hex HMAC>', () => {
    // python: hmac.new(b'whsec_abc', b'{"id":"x"}', sha256).hexdigest()
    expect(webhookSignature('whsec_abc', '{"id":"x"}')).toBe('sha256=658d77ee83b33a498cd72471722cd5bb5c975d9b82aec2916e5cccc562450ac3');
  });

  it('posts JSON with the delivery id header and, with a secret, a verifiable signature', () => {
    const req = buildChannelRequest('webhook', { url: 'https://hooks.example.org/in', secret: 'whsec_abc' }, msg, now);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://hooks.example.org/in');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['X-Zhongshu-Delivery']).toBe(msg.deliveryId);
    expect(JSON.parse(req.body)).toEqual({
      id: msg.deliveryId,
      event: 'matter.assigned',
      title: msg.title,
      body: msg.body,
      link: msg.link,
      recipients: ['张三', '李四'],
      createdAt: msg.createdAt,
    });
    const expected = crypto.createHmac('sha256', 'whsec_abc').update(Buffer.from(req.body, 'utf8')).digest('hex');
    expect(req.headers['X-Zhongshu-Signature']).toBe(`sha256=${expected}`);
  });

  it('has no signature header without a secret, and a retry is byte-identical', () => {
    const a = buildChannelRequest('webhook', { url: 'http://10.0.0.5/hook', secret: null }, msg, now);
    const b = buildChannelRequest('webhook', { url: 'http://10.0.0.5/hook', secret: null }, msg, new Date(now.getTime() + 3_600_000));
    expect(a.headers['X-Zhongshu-Signature']).toBeUndefined();
    expect(b.body).toBe(a.body);
  });

  it('counts any 2xx as delivered and anything else as a failure', () => {
    expect(interpretReply('webhook', 204, '')).toEqual({ ok: true });
    expect(interpretReply('webhook', 500, 'oops')).toMatchObject({ ok: false, error: expect.stringContaining('500') });
    expect(interpretReply('webhook', 302, '')).toMatchObject({ ok: false });
  });
});

describe('DingTalk custom robot', () => {
  it('signs timestamp + "\\n" + secret with the secret as key, base64 then URL-encoded', () => {
    // python: quote_plus(b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256).digest()))
    expect(dingtalkSign('SECtest0123456789', 1772413200000)).toBe('Txf%2BXU4hIHzwf3JsxIUdHWwu%2FtxZwwgxEAKN1eX7UEY%3D');
  });

  it('appends &timestamp=…&sign=… to the access_token URL and sends markdown', () => {
    const req = buildChannelRequest(
      'dingtalk',
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret: 'SECtest0123456789' },
      msg,
      now,
    );
    expect(req.url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1772413200000&sign=Txf%2BXU4hIHzwf3JsxIUdHWwu%2FtxZwwgxEAKN1eX7UEY%3D',
    );
    const body = JSON.parse(req.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(msg.title);
    expect(body.markdown.text).toContain(`### ${msg.title}`);
    expect(body.markdown.text).toContain('[查看详情](https://zs.example.gov.cn/matters/42)');
    expect(body.markdown.text).toContain('接收人：张三、李四');
  });

  it('leaves the URL alone without a secret', () => {
    const req = buildChannelRequest('dingtalk', { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: null }, msg, now);
    expect(req.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
  });

  it('treats errcode ≠ 0 in a 200 reply as a failure', () => {
    expect(interpretReply('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    const bad = interpretReply('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}');
    expect(bad.ok).toBe(false);
    expect(bad.error).toContain('310000');
    expect(interpretReply('dingtalk', 200, 'not json').ok).toBe(false);
    expect(interpretReply('dingtalk', 502, '{"errcode":0}').ok).toBe(false);
  });
});

describe('WeCom group robot', () => {
  it('posts markdown to the key URL without signing', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx';
    const req = buildChannelRequest('wecom', { url, secret: 'ignored' }, msg, now);
    expect(req.url).toBe(url);
    const body = JSON.parse(req.body);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining(msg.title) } });
    expect(body.markdown.content).toContain('> 接收人：张三、李四');
  });

  it('keeps markdown content within 4096 bytes of UTF-8', () => {
    const long = { ...msg, body: '督'.repeat(3000) };
    const body = JSON.parse(buildChannelRequest('wecom', { url: 'https://q.example/x', secret: null }, long, now).body);
    expect(Buffer.byteLength(body.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(body.markdown.content.endsWith('…')).toBe(true);
  });

  it('treats errcode ≠ 0 as a failure', () => {
    expect(interpretReply('wecom', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
    expect(interpretReply('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('93000'),
    });
  });
});

describe('Feishu custom bot', () => {
  it('uses timestamp + "\\n" + secret as the HMAC key over an empty message, base64', () => {
    // python: b64encode(hmac.new(f"{ts}\n{secret}".encode(), b"", sha256).digest())
    expect(feishuSign('feishu-secret', 1772413200)).toBe('q3VjJOFamKJ0uzmU1sFv8P1kKZqFzXZ5sMUY+8B62Y8=');
  });

  it('puts timestamp (seconds, as a string) and sign in the body of a post message', () => {
    const req = buildChannelRequest(
      'feishu',
      { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz', secret: 'feishu-secret' },
      msg,
      now,
    );
    expect(req.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xyz');
    const body = JSON.parse(req.body);
    expect(body.timestamp).toBe('1772413200');
    expect(body.sign).toBe('q3VjJOFamKJ0uzmU1sFv8P1kKZqFzXZ5sMUY+8B62Y8=');
    expect(body.msg_type).toBe('post');
    expect(body.content.post.zh_cn.title).toBe(msg.title);
    expect(body.content.post.zh_cn.content).toEqual([
      [{ tag: 'text', text: msg.body }],
      [{ tag: 'a', text: '查看详情', href: msg.link }],
      [{ tag: 'text', text: '接收人：张三、李四' }],
    ]);
  });

  it('sends no timestamp or sign without a secret', () => {
    const body = JSON.parse(buildChannelRequest('feishu', { url: 'https://f.example/h', secret: null }, msg, now).body);
    expect(body.timestamp).toBeUndefined();
    expect(body.sign).toBeUndefined();
  });

  it('treats code ≠ 0 (or the older StatusCode ≠ 0) as a failure', () => {
    expect(interpretReply('feishu', 200, '{"code":0,"msg":"success","data":{}}').ok).toBe(true);
    expect(interpretReply('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}').ok).toBe(true);
    expect(interpretReply('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('19021'),
    });
    expect(interpretReply('feishu', 200, '').ok).toBe(false);
  });
});

describe('helpers', () => {
  it('truncates by UTF-8 bytes without splitting a character', () => {
    expect(truncateBytes('abc', 10)).toBe('abc');
    const cut = truncateBytes('督查督办', 8);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(8);
    expect(cut).toBe('督…');
  });

  it('shortens long recipient lists', () => {
    expect(recipientsLine([])).toBeNull();
    const names = Array.from({ length: 12 }, (_, i) => `人${i}`);
    expect(recipientsLine(names)).toMatch(/等 12 人$/);
  });

  it('makes in-app paths absolute only when the public address is known', () => {
    expect(absoluteLink('/matters/1', '')).toBeNull();
    expect(absoluteLink('/matters/1', 'https://zs.example.gov.cn/')).toBe('https://zs.example.gov.cn/matters/1');
    expect(absoluteLink('https://a.example/x', '')).toBe('https://a.example/x');
    expect(absoluteLink(null, 'https://zs.example.gov.cn')).toBeNull();
  });

  it('backs off 30 s, 1 min, 2 min … capped at an hour, with ±25 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, mid)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(22_500);
    expect(retryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(37_500);
    expect(retryDelayMs(30, () => 0.999999)).toBe(3_600_000);
  });
});
