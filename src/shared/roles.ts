/** Roles, with the Chinese labels the UI shows. */
export const businessRoles = ['leader', 'supervisor', 'staff', 'liaison', 'unit_head'] as const;
/** The three admin roles (三员): none may hold another's, none does business. */
export const adminRoles = ['sysadmin', 'secadmin', 'auditor'] as const;
export const allRoles = [...businessRoles, ...adminRoles] as const;

export type BusinessRole = (typeof businessRoles)[number];
export type AdminRole = (typeof adminRoles)[number];
export type Role = (typeof allRoles)[number];

export const roleLabels: Record<Role, string> = {
  leader: '领导',
  supervisor: '督查员',
  staff: '办公室工作人员',
  liaison: '联络员',
  unit_head: '单位负责人',
  sysadmin: '系统管理员',
  secadmin: '安全保密管理员',
  auditor: '安全审计员',
};

/** Office roles see the whole org tree; unit roles see their own unit's subtree. */
export const officeRoles: readonly Role[] = ['leader', 'supervisor', 'staff'];

export const unitTypes = ['office', 'department', 'township', 'other'] as const;
export type UnitType = (typeof unitTypes)[number];
export const unitTypeLabels: Record<UnitType, string> = {
  office: '办公室',
  department: '部门',
  township: '乡镇',
  other: '其他',
};

export const isAdminRole = (r: string): r is AdminRole => (adminRoles as readonly string[]).includes(r);
export const isBusinessRole = (r: string): r is BusinessRole =>
  (businessRoles as readonly string[]).includes(r);
