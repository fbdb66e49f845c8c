import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useTitle } from './useTitle';

/** Page heading plus its main actions; wraps under the title on narrow screens. */
export function PageHeader({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  useTitle(title);
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        )}
      </Flex>
      {children && <div style={{ marginTop: 8 }}>{children}</div>}
    </div>
  );
}
