import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Typography, type UploadFile } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { mattersKey, recordInstruction, useLeaders, type UploadedFile } from '../../api/matters';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';
import { ForbiddenPage } from '../errors/ErrorPages';
import { EvidenceUpload, uploadedIds } from './EvidenceUpload';
import { UnitsMultiSelect } from './UnitTreeSelect';

interface Values {
  leaderId?: string;
  text: string;
  date: Dayjs | null;
  title?: string;
  reference?: string;
  unitIds?: string[];
  files?: UploadFile<UploadedFile>[];
}

/** Who records a 批示: a leader their own, the office staff (or the supervisor) on a leader's behalf. */
const recorders = ['leader', 'staff', 'supervisor'];

/**
 * 录入批示: a leader's 批示 on something that is not yet a matter. It becomes
 * a draft (来源：领导批示) in the supervisor's intake, who completes it
 * (修改立项信息) and assigns it (交办). Units it names are told when it is
 * assigned and may read the 批示 meanwhile.
 */
export function RecordInstructionPage() {
  const me = useMe().data;
  const leaders = useLeaders();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const ownOnly = !!me && me.roles.includes('leader') && !me.roles.some((r) => r === 'staff' || r === 'supervisor');

  const save = useMutation({
    mutationFn: (v: Values) =>
      recordInstruction({
        text: v.text.trim(),
        leaderId: ownOnly ? undefined : v.leaderId,
        date: v.date ? v.date.format('YYYY-MM-DD') : undefined,
        title: v.title?.trim() || undefined,
        reference: v.reference?.trim() || undefined,
        unitIds: v.unitIds ?? [],
        attachmentIds: uploadedIds(v.files),
      }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(markServerErrors(form, e) ? '请按提示修改标红的内容' : e.message),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: mattersKey });
      feedback.message?.success(`批示已录入，待督查室研判立项：${m.code}`);
      navigate(`/matters/${m.id}`);
    },
  });

  if (me && !me.roles.some((r) => recorders.includes(r))) return <ForbiddenPage />;

  return (
    <>
      <PageHeader title="录入领导批示" />
      <Card style={{ maxWidth: 760 }}>
        <Typography.Paragraph type="secondary">
          录入后生成“领导批示”来源的草稿事项，由督查室研判后补全牵头单位、时限并交办。
        </Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" initialValues={{ date: dayjs(), unitIds: [] }} onFinish={(v) => save.mutate(v)}>
          {ownOnly ? (
            <Form.Item label="批示领导">{me?.name}</Form.Item>
          ) : (
            <Form.Item label="批示领导" name="leaderId" rules={[{ required: true, message: '请选择作出批示的领导' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={leaders.isPending}
                placeholder="选择领导"
                options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
          <Form.Item label="批示内容" name="text" rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
          <Flex wrap gap={16}>
            <Form.Item label="批示日期" name="date">
              <DatePicker />
            </Form.Item>
            <Form.Item label="批示件文号或来文" name="reference" style={{ flex: 1, minWidth: 220 }}>
              <Input maxLength={200} placeholder="可选，如：群众来信摘报第12期" />
            </Form.Item>
          </Flex>
          <Form.Item label="事由" name="title" extra="作为草稿事项的标题；不填则按批示内容生成">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="点名单位" name="unitIds" extra="批示中点名的单位：第一个作为建议牵头单位，其余作为协办单位，由督查室研判确定">
            <UnitsMultiSelect placeholder="可选" />
          </Form.Item>
          <Form.Item label="批示件" name="files" valuePropName="fileList">
            <EvidenceUpload label="上传批示件" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              录入
            </Button>
            <Button type="text" onClick={() => navigate(-1)}>
              取消
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
