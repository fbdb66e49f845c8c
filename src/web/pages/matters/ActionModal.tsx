import { useEffect, useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { matterActionLabels, type UserActionType } from '../../../shared/supervision';
import { isStaleVersion } from '../../api/client';
import { actOn, matterKey, mattersKey, type MatterDetail } from '../../api/matters';
import { feedback } from '../../components/feedback';
import { ActionFormFields, toFields, type ActionValues } from './actionFields';
import { markNestedErrors } from './serverErrors';

/**
 * One dialog for every action: the fields come from actionFields.tsx, the
 * body is `{ version, ...fields }`, and the answer (the matter as it now is)
 * replaces the cached detail, so the page shows the new state, timeline and
 * allowed actions without another request.
 */
export function ActionModal({ matter, action, onClose }: { matter: MatterDetail; action: UserActionType | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string | null>(null);
  const yes = Form.useWatch('yes', form);
  const early = Form.useWatch('early', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
  }, [action, form]);

  const run = useMutation({
    mutationFn: ({ a, v }: { a: UserActionType; v: ActionValues }) => actOn(matter, a, toFields(a, v)),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      // The shell already reloaded and explained a stale version; the dialog's data is outdated, so it closes.
      if (isStaleVersion(e)) return onClose();
      if (!markNestedErrors(form, e)) setError(e.message);
    },
    onSuccess: (next, { a }) => {
      qc.setQueryData(matterKey(matter.id), next);
      void qc.invalidateQueries({ queryKey: mattersKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void qc.invalidateQueries({ queryKey: ['workbench'] });
      feedback.message?.success(`${matterActionLabels[a]}：已完成`);
      onClose();
    },
  });

  const label = action ? matterActionLabels[action] : '';
  return (
    <Modal
      open={!!action}
      title={`${label}：${matter.title}`}
      okText="确定"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      forceRender
    >
      <Form<ActionValues> form={form} layout="vertical" onFinish={(v) => action && run.mutate({ a: action, v })}>
        {action && <ActionFormFields action={action} matter={matter} yes={yes} early={early} />}
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
