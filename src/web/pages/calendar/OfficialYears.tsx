import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarYear } from '../../api/types';
import { fmtDateTime } from '../../components/format';

/** GET /api/v1/calendar/official-years (server/modules/calendar/service.ts listOfficialYears). */
interface OfficialYear {
  year: number;
  origin: 'bundled' | 'loaded';
  papers: string[];
  loadedBy: string | null;
  loadedAt: string | null;
}

type Loaded = CalendarYear & { mattersMoved: number };

/** Bounded here as on the server (64 KB): a notice file is a few KB. */
const MAX_BYTES = 64 * 1024;

/**
 * 国务院节假日安排: the years the calendar has a notice for, and loading a
 * new year's holiday-cn file when the notice is published (PUT …/official-years/:year).
 * The file is read in the browser and sent as JSON; the server checks it,
 * recounts the working-day deadlines it changes and notes it on each matter.
 */
export function OfficialYears({ onLoaded }: { onLoaded: (year: number) => void }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const years = useQuery({
    queryKey: ['calendar', 'official-years'],
    queryFn: () => api.get<{ items: OfficialYear[] }>('/api/v1/calendar/official-years'),
    select: (r) => [...r.items].reverse(),
  });
  const load = useMutation({
    mutationFn: ({ year, file }: { year: number; file: unknown }) => api.put<Loaded>(`/api/v1/calendar/official-years/${year}`, file),
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: (r) => onLoaded(r.year),
    onSettled: () => qc.invalidateQueries({ queryKey: ['calendar'] }),
  });

  /** Reads the chosen file; never lets antd upload it by itself. */
  const pick = async (file: File) => {
    load.reset();
    setError(null);
    if (file.size > MAX_BYTES) {
      setError('文件过大：节假日文件通常只有几 KB，请确认选择的是 holiday-cn 的年度 JSON 文件');
      return false;
    }
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setError('文件不是有效的 JSON，请选择 holiday-cn 的年度文件（如 2027.json）');
      return false;
    }
    const year = (json as { year?: unknown } | null)?.year;
    if (typeof year !== 'number' || !Number.isInteger(year)) {
      setError('文件中没有年份（year），不是 holiday-cn 的年度文件');
      return false;
    }
    load.mutate({ year, file: json });
    return false;
  };

  return (
    <Card
      title="国务院节假日安排"
      extra={
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={pick}>
          <Button icon={<UploadOutlined />} loading={load.isPending} data-testid="official-year-upload">
            载入年度安排
          </Button>
        </Upload>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          国务院办公厅公布新一年的放假安排后，在此载入 holiday-cn 格式的年度文件（year、papers、days）。载入前该年的法定节假日按《全国年节及纪念日放假办法》推算、调休未计入；载入后，按工作日计算且跨及该年的在办事项，其办理期限随之重算并记入办理过程，相关单位收到通知。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} data-testid="official-year-error" />}
        {load.data && (
          <Alert
            type="success"
            showIcon
            data-testid="official-year-result"
            title={
              load.data.mattersMoved > 0
                ? `已载入 ${load.data.year} 年节假日安排：重算了 ${load.data.mattersMoved} 个在办事项的办理期限，已记入各事项的办理过程并通知相关单位。`
                : `已载入 ${load.data.year} 年节假日安排：没有在办事项的办理期限因此变化。`
            }
          />
        )}
        <Table<OfficialYear>
          rowKey="year"
          size="small"
          loading={years.isPending}
          dataSource={years.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '年份', dataIndex: 'year' },
            {
              title: '来源',
              dataIndex: 'origin',
              render: (o: OfficialYear['origin']) => (o === 'loaded' ? <Tag color="blue">已载入</Tag> : <Tag>随系统提供</Tag>),
            },
            { title: '载入时间', dataIndex: 'loadedAt', render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
          ]}
        />
      </Space>
    </Card>
  );
}
