import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useTitle } from '../../components/useTitle';

/** A matter's code and title at the top of its page (also the window title), then what the page adds. */
export function MatterHeading({ code, title, children }: { code: string; title: string; children?: ReactNode }) {
  useTitle(title);
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{code}</Typography.Text>
      <Typography.Title level={3} style={{ margin: '4px 0 8px' }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}
