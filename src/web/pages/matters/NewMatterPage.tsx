import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createMatter, mattersKey, useMatter } from '../../api/matters';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { ForbiddenPage } from '../errors/ErrorPages';
import { markNestedErrors } from './serverErrors';
import { deadlineErrorFields, initialPlanValues, MatterPlanFields, planBody, type PlanFormValues } from './MatterPlanFields';

/** 拆分子事项: the parent named by `?parent=ID`, shown above the form so the supervisor knows what is being split. */
function ParentNotice({ id }: { id: string }) {
  const parent = useMatter(id);
  if (parent.isPending) return null;
  if (parent.isError) return <Alert type="error" showIcon title="上级事项不存在或无权查看" style={{ marginBottom: 16 }} role="alert" />;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <>
          拆分子事项，上级事项：<Link to={`/matters/${id}`}>{parent.data.title}</Link>（{parent.data.code}）
        </>
      }
      description="上级事项须待全部子事项办结后才能办结。"
    />
  );
}

/** 立项 (supervisor): open a matter as a draft, or open and assign it in one step; `?parent=ID` opens a sub-matter. */
export function NewMatterPage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [sp] = useSearchParams();
  const parentId = sp.get('parent') || null;
  const [form] = Form.useForm<PlanFormValues>();
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: ({ v, assign }: { v: PlanFormValues; assign: boolean }) => createMatter({ ...planBody(v), parentId: parentId ?? undefined, assign }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      const marked = markNestedErrors(form, e, deadlineErrorFields(form.getFieldValue('deadlineKind') as PlanFormValues['deadlineKind']));
      setError(marked ? '请按提示修改标红的内容' : e.message);
    },
    onSuccess: (m, { assign }) => {
      void qc.invalidateQueries({ queryKey: mattersKey });
      feedback.message?.success(assign ? `已立项并交办：${m.code}` : `已保存草稿：${m.code}`);
      navigate(`/matters/${m.id}`);
    },
  });
  const submit = (assign: boolean) => form.validateFields().then((v) => save.mutate({ v, assign }), () => undefined);

  if (me && !me.roles.includes('supervisor')) return <ForbiddenPage />;

  return (
    <>
      <PageHeader title={parentId ? '拆分子事项' : '立项'} />
      {parentId && <ParentNotice id={parentId} />}
      <Card style={{ maxWidth: 860 }}>
        <Form<PlanFormValues> form={form} layout="vertical" initialValues={initialPlanValues}>
          <MatterPlanFields />
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Flex gap={8} wrap>
            <Button type="primary" loading={save.isPending && save.variables?.assign} onClick={() => void submit(true)}>
              立项并交办
            </Button>
            <Button loading={save.isPending && !save.variables?.assign} onClick={() => void submit(false)}>
              保存草稿
            </Button>
            <Button type="text" onClick={() => navigate(parentId ? `/matters/${parentId}` : '/matters')}>
              取消
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
