import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function ForbiddenPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限。如需开通，请联系安全保密管理员。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

/** Shown when a page crashes while rendering, so one broken page never blanks the whole app. */
export function CrashPage() {
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="页面加载或显示时出现错误，请刷新后重试；如反复出现，请联系系统管理员。"
      extra={<Button onClick={() => window.location.reload()}>刷新页面</Button>}
    />
  );
}
