import { Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import type { MatterSummary } from '../../api/matters';
import { fmtDate } from '../../components/format';

/**
 * A matter's deadline, marked 暂定 when it lies in (or was counted across) a
 * year whose State Council holiday notice is not out yet; the tooltip says why.
 */
export function DeadlineDate({ m }: { m: Pick<MatterSummary, 'deadline' | 'deadlineProvisional' | 'deadlineProvisionalNote'> }) {
  if (!m.deadlineProvisional) return <>{fmtDate(m.deadline)}</>;
  return (
    <Tooltip title={m.deadlineProvisionalNote}>
      <span aria-label={`${fmtDate(m.deadline)}，暂定：${m.deadlineProvisionalNote ?? ''}`}>
        {fmtDate(m.deadline)}{' '}
        <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          <ExclamationCircleOutlined /> 暂定
        </Typography.Text>
      </span>
    </Tooltip>
  );
}
