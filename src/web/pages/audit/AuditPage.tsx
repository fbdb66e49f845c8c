import { useState } from 'react';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client';
import { referralPackageUrl } from '../../api/matters';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { fmtDateTime } from '../../components/format';
import { AuditFilters, objectTypeLabels, toAuditQuery, type AuditFilterValues } from './AuditFilters';

function VerifyOutcome({ r }: { r: AuditVerifyResult }) {
  const range = r.firstId === null ? '' : `（第 ${r.firstId}–${r.lastId} 号）`;
  const cps = r.checkpoints
    ? `并与 ${r.checkpoints} 个签名检查点核对（最新 ${fmtDateTime(r.latestCheckpointAt)}）`
    : '尚无检查点可核对';
  return r.ok ? (
    <Alert
      type="success"
      showIcon
      title={`校验通过：已核对 ${r.checked} 条记录${range}，哈希链与签名完整，${cps}，未发现篡改或删除。`}
      description={r.legacy ? `其中 ${r.legacy} 条记录早于密钥签名，只有哈希保护。` : undefined}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      title={r.firstBrokenId === null ? '校验未通过' : `校验未通过：记录编号 ${r.firstBrokenId}`}
      description={r.reason ?? undefined}
    />
  );
}

/** 审计日志 (auditor): search, export to Excel, and verify the tamper-evident hash chain. */
export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => api.get<Page<AuditEntry>>('/api/v1/audit', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/api/v1/audit/verify') });

  return (
    <>
      <PageHeader
        title="审计日志"
        extra={
          <>
            <Button icon={<SafetyOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
              校验完整性
            </Button>
            <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/audit/export.xlsx', filters)} download>
              导出 Excel
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/v1/audit/checkpoints" download>
              下载检查点
            </Button>
          </>
        }
      >
        {verify.data && <VerifyOutcome r={verify.data} />}
      </PageHeader>
      <AuditFilters
        onSearch={(v: AuditFilterValues) => {
          setFilters(toAuditQuery(v));
          setPage(1);
        }}
      />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data?.items}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxWidth: '80vw' }}>
              {JSON.stringify(e.detail, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', render: fmtDateTime },
          { title: '用户', dataIndex: 'username', render: (v: string | null) => v ?? '—' },
          { title: '操作', key: 'action', render: (_, e) => e.actionLabel ?? e.action },
          {
            title: '对象',
            key: 'object',
            render: (_, e) =>
              e.objectType ? (
                <span>
                  {objectTypeLabels[e.objectType] ?? e.objectType}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.objectId}
                  </Typography.Text>
                  {/* The auditor does no business and never opens the matter page; the 问责移交 package is taken from its record here. */}
                  {e.action === 'matter.refer_accountability' && e.result === 'success' && e.objectId && (
                    <>
                      <br />
                      <Typography.Link href={referralPackageUrl(e.objectId)} download>
                        <DownloadOutlined /> 问责移交材料
                      </Typography.Link>
                    </>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: '结果',
            dataIndex: 'result',
            render: (v: string) => (v === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
          },
          { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          { title: '请求编号', dataIndex: 'requestId', render: (v: string | null) => v ?? '—' },
        ]}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
