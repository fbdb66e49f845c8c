import type { ReactNode } from 'react';
import { Flex, Grid, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { allRoles, roleLabels } from '../../../shared/roles';
import type { User } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { fmtDateTime } from '../../components/format';
import type { useUserList } from './useUserList';

export const isLocked = (u: User) => !!u.lockedUntil && new Date(u.lockedUntil) > new Date();

function statusTags(u: User) {
  return (
    <Flex gap={4} wrap>
      {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
      {isLocked(u) && <Tag color="red">已锁定</Tag>}
      {u.mustChangePassword && <Tag color="orange">待改密</Tag>}
    </Flex>
  );
}

/**
 * The user list both 用户管理 (sysadmin) and 角色授权 (secadmin) work from;
 * each page passes its own action column. Names are rendered as text, so
 * whatever a user typed (even markup) shows literally.
 */
export function UserTable({ list, actions }: { list: ReturnType<typeof useUserList>; actions: (u: User) => ReactNode }) {
  const { filters, setFilters, query } = list;
  // Pinning the action column helps on wide tables, but on a phone it would cover most of the row.
  const pinActions = Grid.useBreakpoint().md === true;
  const columns: TableColumnsType<User> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (name: string, u) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </>
      ),
    },
    { title: '单位', key: 'unit', render: (_, u) => u.unit.name },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) =>
        u.roleLabels.length ? (
          <Flex gap={4} wrap>
            {u.roleLabels.map((r) => (
              <Tag key={r}>{r}</Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">未授权</Typography.Text>
        ),
    },
    { title: '状态', key: 'status', render: (_, u) => statusTags(u) },
    { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v || '—' },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: fmtDateTime },
    { title: '操作', key: 'actions', fixed: pinActions ? 'right' : undefined, render: (_, u) => actions(u) },
  ];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="搜索用户"
          placeholder="姓名或用户名"
          allowClear
          defaultValue={filters.q}
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 220, maxWidth: '100%' }}
        />
        <UnitSelect
          value={filters.unitId || null}
          onChange={(v) => setFilters({ unitId: v ?? '' })}
          placeholder="全部单位"
          style={{ width: 220, maxWidth: '100%' }}
        />
        <Select
          aria-label="角色"
          value={filters.role || undefined}
          onChange={(v?: string) => setFilters({ role: v ?? '' })}
          allowClear
          placeholder="全部角色"
          options={allRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
          style={{ width: 160 }}
        />
        <Select
          aria-label="状态"
          value={filters.active}
          onChange={(v: string) => setFilters({ active: v })}
          options={[
            { value: '', label: '全部状态' },
            { value: 'true', label: '启用' },
            { value: 'false', label: '停用' },
          ]}
          style={{ width: 120 }}
        />
      </Flex>
      <Table<User>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (page, pageSize) => setFilters({ page, pageSize }),
        }}
      />
    </>
  );
}
