import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, List, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulkRemind, mattersKey, type BulkRemindResult, type MatterSummary } from '../../api/matters';

/**
 * 批量催办 (supervisor): one comment for the chosen matters; the server reminds
 * each in its own step and reports the ones it could not (closed, stale,
 * out of scope), which the dialog then lists by title with the server's reason.
 */
export function BulkRemindModal({ items, open, onClose, onDone }: { items: MatterSummary[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const [result, setResult] = useState<BulkRemindResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setResult(null);
    setError(null);
  }, [open, form]);

  const run = useMutation({
    mutationFn: (comment: string | undefined) => bulkRemind(items, comment),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: (r) => {
      setResult(r);
      // Reminded matters have a new version and timeline entry; the ledger is read again.
      void qc.invalidateQueries({ queryKey: mattersKey });
      void qc.invalidateQueries({ queryKey: ['workbench'] });
      onDone();
    },
  });

  const titleOf = new Map(items.map((m) => [m.id, m.title]));
  const skipped = result?.results.filter((r) => !r.ok) ?? [];

  return (
    <Modal
      open={open}
      title="批量催办"
      onCancel={onClose}
      forceRender
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={run.isPending} onClick={() => form.submit()}>
              催办 {items.length} 项
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div data-testid="bulk-remind-result">
          <Alert
            type={skipped.length ? 'warning' : 'success'}
            showIcon
            title={`已催办 ${result.reminded} 项${skipped.length ? `，${skipped.length} 项未催办` : ''}`}
            style={{ marginBottom: skipped.length ? 12 : 0 }}
          />
          {skipped.length > 0 && (
            <List
              size="small"
              header="未催办的事项"
              dataSource={skipped}
              renderItem={(r) => (
                <List.Item>
                  <div>
                    <div>{titleOf.get(r.id) ?? r.id}</div>
                    <Typography.Text type="secondary">{r.message ?? r.code}</Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v.comment?.trim() || undefined)}>
          <p>
            将对选中的 {items.length} 项事项发出催办，牵头单位会收到通知。只有“已交办”和“办理中”的事项可以催办，其余的会在结果中列出。
          </p>
          <Form.Item name="comment" label="催办意见">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} placeholder="可不填" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" />}
        </Form>
      )}
    </Modal>
  );
}
