import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Checkbox, Empty, Flex, Grid, Pagination, Popover, Spin, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { BellOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchLedger, ledgerQueryString, mattersKey, type MatterSummary } from '../../api/matters';
import { exportUrl } from '../../api/excel';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { LedgerFilters } from './LedgerFilters';
import { formValuesOf, paramsFromForm, readParams, toSearch, type LedgerParams, type LedgerSort } from './ledgerParams';
import { LightTag, PriorityTag, StateTag, daysLeftText } from './MatterTags';
import { MatterCard } from './MatterCard';
import { DeadlineDate } from './DeadlineDate';
import { ImportModal } from './ImportModal';
import { LedgerViews } from './LedgerViews';
import { BulkRemindModal } from './BulkRemindModal';
import { optionalColumns, useLedgerColumns, type OptionalColumn } from './ledgerColumns';

/** 催办 chases the unit, so only while the unit holds the matter (the domain's own rule; the server decides). */
const remindable = (m: MatterSummary) => m.state === 'assigned' || m.state === 'in_progress';

const sortOrder = (p: LedgerParams, key: LedgerSort) => (p.sort === key ? (p.order === 'desc' ? 'descend' : 'ascend') : null);

/** 督查台账: every matter the user may see, filtered through the address bar so a view can be shared. */
export function LedgerPage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const key = sp.toString();
  // Keyed on the address text so the filter form is only reset when the address really changes.
  const params = useMemo(() => readParams(new URLSearchParams(key)), [key]);
  const formValues = useMemo(() => formValuesOf(params), [params]);
  const phone = !Grid.useBreakpoint().md;
  const [shownColumns, setShownColumns] = useLedgerColumns();
  const shows = (k: OptionalColumn) => shownColumns.includes(k);
  // 承办人, 催办次数, 最近进展 cost the server three queries a page: asked for only while one of them is shown.
  const extras = !phone && optionalColumns.some((c) => shows(c.key)) ? 'extras' : undefined;
  const apiQuery = ledgerQueryString({ ...toSearch(params), page: params.page, pageSize: params.pageSize, columns: extras });
  const ledger = useQuery({
    queryKey: [...mattersKey, 'ledger', apiQuery],
    queryFn: () => fetchLedger(apiQuery),
    placeholderData: keepPreviousData,
  });
  const go = (p: LedgerParams) => setSp(ledgerQueryString(toSearch(p)));
  const isSupervisor = me?.roles.includes('supervisor') ?? false;
  // 录入批示: a leader their own, the office staff or the supervisor on a leader's behalf.
  const recordsInstructions = me?.roles.some((r) => r === 'leader' || r === 'staff' || r === 'supervisor') ?? false;
  const [importing, setImporting] = useState(false);
  // 批量催办: the chosen rows (kept across pages) and whether the dialog is open.
  const [selected, setSelected] = useState<MatterSummary[]>([]);
  const [reminding, setReminding] = useState(false);
  // A saved view holds the filters and sort, never the page.
  const viewQuery = ledgerQueryString(toSearch({ ...params, page: 1 }));
  // The export takes the ledger's own filters (not the page), so the file holds every row the filters match.
  const exportHref = exportUrl(ledgerQueryString({ ...toSearch(params), page: undefined, pageSize: undefined }));
  const pageChange = (page: number, pageSize: number) => go({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize });

  return (
    <>
      <PageHeader
        title="督查台账"
        extra={
          <>
            {!phone && (
              <Popover
                trigger="click"
                title="显示的列"
                content={
                  <Checkbox.Group
                    style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                    value={shownColumns}
                    onChange={(v) => setShownColumns(v)}
                    options={optionalColumns.map((c) => ({ value: c.key, label: c.label }))}
                  />
                }
              >
                <Button icon={<SettingOutlined />}>列</Button>
              </Popover>
            )}
            <Button icon={<DownloadOutlined />} href={exportHref} download>
              导出 Excel
            </Button>
            {isSupervisor && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入
              </Button>
            )}
            {recordsInstructions && (
              <Button icon={<EditOutlined />} onClick={() => navigate('/instructions/new')}>
                录入批示
              </Button>
            )}
            {isSupervisor && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/matters/new')}>
                立项
              </Button>
            )}
          </>
        }
      />
      {isSupervisor && <ImportModal open={importing} onClose={() => setImporting(false)} />}
      <LedgerViews query={viewQuery} onApply={(q) => setSp(q)} />
      <LedgerFilters values={formValues} onSearch={(v) => go(paramsFromForm(v, params))} />
      {isSupervisor && (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Button icon={<BellOutlined />} disabled={!selected.length} onClick={() => setReminding(true)}>
            批量催办
          </Button>
          <Typography.Text type="secondary">{selected.length ? `已选 ${selected.length} 项` : '勾选已交办、办理中的事项后可批量催办'}</Typography.Text>
          {selected.length > 0 && (
            <Button type="link" onClick={() => setSelected([])}>
              清除选择
            </Button>
          )}
        </Flex>
      )}
      {isSupervisor && (
        <BulkRemindModal items={selected} open={reminding} onClose={() => setReminding(false)} onDone={() => setSelected([])} />
      )}
      {phone ? (
        <Spin spinning={ledger.isFetching}>
          {ledger.data?.items.length ? (
            ledger.data.items.map((m) => (
              <MatterCard
                key={m.id}
                m={m}
                selection={
                  isSupervisor
                    ? {
                        checked: selected.some((x) => x.id === m.id),
                        disabled: !remindable(m),
                        onChange: (on) => setSelected(on ? [...selected.filter((x) => x.id !== m.id), m] : selected.filter((x) => x.id !== m.id)),
                      }
                    : undefined
                }
              />
            ))
          ) : (
            <Empty description="暂无事项" />
          )}
          <Pagination
            simple
            align="center"
            current={params.page}
            pageSize={params.pageSize}
            total={ledger.data?.total ?? 0}
            onChange={pageChange}
          />
        </Spin>
      ) : (
        <Table<MatterSummary>
          rowKey="id"
          size="middle"
          loading={ledger.isFetching}
          dataSource={ledger.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="暂无事项" /> }}
          rowSelection={
            isSupervisor
              ? {
                  selectedRowKeys: selected.map((m) => m.id),
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (m) => ({ disabled: !remindable(m), 'aria-label': `选择 ${m.title}` }),
                  onChange: (keys, rows) => {
                    // antd gives undefined for kept keys of rows on other pages; those come from what was chosen before.
                    const byId = new Map([...selected, ...rows.filter(Boolean)].map((m) => [m.id, m]));
                    setSelected(keys.map((k) => byId.get(String(k))).filter((m): m is MatterSummary => !!m));
                  },
                }
              : undefined
          }
          onChange={(_pg, _f, sorter, extra) => {
            // Paging goes through the pagination's own onChange; only sorting is handled here.
            if (extra.action !== 'sort') return;
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<MatterSummary> | undefined;
            const field = s?.order ? (s.columnKey as LedgerSort) : undefined;
            go({ ...params, sort: field, order: s?.order === 'descend' ? 'desc' : 'asc', page: 1 });
          }}
          columns={[
            { title: '编号', key: 'openedAt', dataIndex: 'code', sorter: true, sortOrder: sortOrder(params, 'openedAt') },
            {
              title: '标题',
              key: 'title',
              render: (_, m) => <Link to={`/matters/${m.id}`}>{m.title}</Link>,
            },
            { title: '来源', dataIndex: 'sourceLabel' },
            { title: '牵头单位', key: 'leadUnit', render: (_, m) => m.leadUnit?.name ?? '—' },
            {
              title: '办理期限',
              key: 'deadline',
              sorter: true,
              sortOrder: sortOrder(params, 'deadline'),
              render: (_, m) => <DeadlineDate m={m} />,
            },
            { title: '剩余工作日', key: 'left', render: (_, m) => daysLeftText(m.workingDaysLeft, m.state) },
            { title: '红黄绿灯', key: 'light', render: (_, m) => <LightTag light={m.light} /> },
            ...(shows('handler') ? [{ title: '承办人', key: 'handler', render: (_: unknown, m: MatterSummary) => m.handler ?? '—' }] : []),
            ...(shows('reminders') ? [{ title: '催办次数', key: 'reminders', render: (_: unknown, m: MatterSummary) => m.reminders ?? 0 }] : []),
            ...(shows('latestProgress')
              ? [
                  {
                    title: '最近进展',
                    key: 'latestProgress',
                    render: (_: unknown, m: MatterSummary) =>
                      m.latestProgress ? (
                        <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: m.latestProgress.text }}>
                          {m.latestProgress.on}：{m.latestProgress.text}
                        </Typography.Text>
                      ) : (
                        '—'
                      ),
                  },
                ]
              : []),
            { title: '状态', key: 'state', render: (_, m) => <StateTag state={m.state} label={m.stateLabel} /> },
            {
              title: '优先级',
              key: 'priority',
              sorter: true,
              sortOrder: sortOrder(params, 'priority'),
              render: (_, m) => <PriorityTag priority={m.priority} label={m.priorityLabel} />,
            },
          ]}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: ledger.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => (ledger.data?.totalExact === false ? `超过 ${t} 项，可加筛选条件缩小范围` : `共 ${t} 项`),
            onChange: pageChange,
          }}
        />
      )}
    </>
  );
}
