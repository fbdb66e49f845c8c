// First: the CSP nonce and the style shims must be in place before any component library runs.
import { cspNonce } from './csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { queryClient } from './api/queryClient';
import { router } from './router';
import './global.css';

dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // antd's CSS-in-JS <style> tags carry the response's nonce (style-src allows no other inline style).
      csp={{ nonce: cspNonce }}
      // antd would render two-character buttons as "登 录"; users (and screen readers) expect the word as written.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          // 党政红 as the accent, as the office's other systems use; body text stays neutral for long reading.
          colorPrimary: '#b3261e',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
        },
      }}
    >
      <App>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  </StrictMode>,
);
