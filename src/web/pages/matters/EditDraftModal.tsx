import { useEffect, useState } from 'react';
import { Alert, Button, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isStaleVersion } from '../../api/client';
import { actOn, matterKey, mattersKey, type MatterDetail, type MatterPlanChanges } from '../../api/matters';
import { feedback } from '../../components/feedback';
import { markNestedErrors } from './serverErrors';
import { deadlineErrorFields, MatterPlanFields, planBody, planValuesOf, type PlanFormValues } from './MatterPlanFields';

const planKeys = [
  'title',
  'source',
  'priority',
  'categories',
  'leadUnitId',
  'coUnitIds',
  'deadline',
  'milestones',
  'progressCadenceDays',
  'recheckRequired',
  'instructingLeaderId',
] as const satisfies readonly (keyof MatterPlanChanges)[];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Only what the supervisor changed goes to the server: dates the draft
 * already held are not checked again unless they were edited.
 */
function changesOf(before: PlanFormValues, after: PlanFormValues) {
  const a = planBody(before);
  const b = planBody(after);
  const changes: Record<string, unknown> = {};
  for (const k of planKeys) if (!same(a[k], b[k])) changes[k] = b[k];
  const handlers = same(a.handlers, b.handlers) ? undefined : b.handlers;
  return { changes: changes as MatterPlanChanges, handlers };
}

/** `changes.deadline.date` and the like, onto the form's fields; the deadline's own parts first. */
const errorFields = (kind: PlanFormValues['deadlineKind'] | undefined): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(deadlineErrorFields(kind)).map(([from, to]) => [`changes.${from}`, to])),
  ...Object.fromEntries(planKeys.filter((k) => k !== 'deadline').map((k) => [`changes.${k}`, k])),
});

/**
 * 修改立项信息 (edit_draft): the 立项 form, prefilled with the draft, in a
 * dialog. "保存并交办" saves the changes and then assigns the draft in a
 * second step, with the version the first step answered.
 */
export function EditDraftModal({ matter, open, onClose }: { matter: MatterDetail; open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(planValuesOf(matter));
    setError(null);
    // Prefilled when the dialog opens, not on every refetch under the user's hands.
  }, [open, form]);

  const run = useMutation({
    mutationFn: async ({ v, assign }: { v: PlanFormValues; assign: boolean }) => {
      const { changes, handlers } = changesOf(planValuesOf(matter), v);
      let next = matter;
      if (Object.keys(changes).length || handlers) {
        // handlers alone are not a plan change: the domain needs at least one field, so the title rides along.
        next = await actOn(next, 'edit_draft', { changes: Object.keys(changes).length ? changes : { title: planBody(v).title }, handlers });
        qc.setQueryData(matterKey(matter.id), next);
      }
      if (assign) next = await actOn(next, 'assign', {});
      return next;
    },
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (isStaleVersion(e)) return onClose();
      const marked = markNestedErrors(form, e, errorFields(form.getFieldValue('deadlineKind') as PlanFormValues['deadlineKind']));
      setError(marked ? '请按提示修改标红的内容' : e.message);
    },
    onSuccess: (next, { assign }) => {
      qc.setQueryData(matterKey(matter.id), next);
      void qc.invalidateQueries({ queryKey: mattersKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void qc.invalidateQueries({ queryKey: ['workbench'] });
      feedback.message?.success(assign ? `已交办：${next.code}` : '立项信息已保存');
      onClose();
    },
  });
  const submit = (assign: boolean) => form.validateFields().then((v) => run.mutate({ v, assign }), () => undefined);

  return (
    <Modal
      open={open}
      title={`修改立项信息：${matter.title}`}
      width={860}
      onCancel={onClose}
      forceRender
      footer={
        <>
          <Button onClick={onClose}>取消</Button>
          <Button loading={run.isPending && !run.variables?.assign} onClick={() => void submit(false)}>
            保存
          </Button>
          <Button type="primary" loading={run.isPending && run.variables?.assign} onClick={() => void submit(true)}>
            保存并交办
          </Button>
        </>
      }
    >
      <Form<PlanFormValues> form={form} layout="vertical">
        <MatterPlanFields planOnly />
        <Alert type="info" showIcon title="办理要求和批示信息在立项时确定，草稿中不能修改。" style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
