import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { inMenu, navItems } from '../nav';
import { canSee } from './access';

/** The menu shows exactly the pages the user's roles open; the routes enforce the same list. */
export function SideMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const loc = useLocation();
  const navigate = useNavigate();
  const items = navItems.filter((n) => canSee(me, inMenu(n)));
  const selected = items.find((n) => loc.pathname === n.path || loc.pathname.startsWith(`${n.path}/`));
  return (
    <Menu
      mode="inline"
      aria-label="主菜单"
      selectedKeys={selected ? [selected.path] : []}
      items={items.map((n) => ({ key: n.path, icon: n.icon, label: n.label }))}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
