import { useState } from 'react';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { mattersKey } from '../../api/matters';
import { importIssuesOf, importMatters, importTemplateUrl, type ImportIssue } from '../../api/excel';

type Outcome = { ok: true; imported: number } | { ok: false; message: string; issues: ImportIssue[] };

/**
 * 导入督查事项: the template link and a drop zone. The server imports all
 * rows or none; a refusal lists every problem by row and column, so the
 * user fixes the sheet and drops it again.
 */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const close = () => {
    setOutcome(null);
    onClose();
  };

  return (
    <Modal open={open} title="导入督查事项" onCancel={close} footer={<Button onClick={close}>关闭</Button>} width={720} destroyOnHidden>
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>
          请按模板填写后上传 .xlsx 文件。所有行校验通过才会导入，有任何错误则一条也不导入。{' '}
          <a href={importTemplateUrl} download>
            <DownloadOutlined /> 下载导入模板
          </a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          customRequest={({ file, onSuccess, onError }) => {
            setBusy(true);
            setOutcome(null);
            importMatters(file as File)
              .then((r) => {
                setOutcome({ ok: true, imported: r.imported });
                void qc.invalidateQueries({ queryKey: mattersKey });
                onSuccess?.(r);
              })
              .catch((e: Error) => {
                setOutcome({ ok: false, message: e.message, issues: importIssuesOf(e) });
                onError?.(e);
              })
              .finally(() => setBusy(false));
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? '正在导入…' : '点击或拖入 Excel 文件（.xlsx）'}</p>
          <p className="ant-upload-hint">仅限 .xlsx 文件，不超过 10 MB</p>
        </Upload.Dragger>
        {outcome?.ok && <Alert type="success" showIcon title={`已导入 ${outcome.imported} 项督查事项`} />}
        {outcome && !outcome.ok && (
          <>
            <Alert type="error" showIcon title={outcome.issues.length ? `导入失败，共 ${outcome.issues.length} 处问题，未导入任何事项` : outcome.message} />
            {outcome.issues.length > 0 && (
              <Table<ImportIssue>
                size="small"
                rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
                dataSource={outcome.issues}
                pagination={outcome.issues.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Flex>
    </Modal>
  );
}
