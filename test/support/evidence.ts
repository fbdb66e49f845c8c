import { samples, upload } from '../../src/server/modules/attachments/test-fixtures';
import type { Client } from './app';

/** Uploads a small PDF as the given user and returns its id, for actions that need evidence. */
export async function uploadEvidence(client: Client, name = '办理情况报告.pdf'): Promise<string> {
  const res = await upload(client, name, samples.pdf('办理情况'));
  if (res.statusCode !== 201) throw new Error(`evidence upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
