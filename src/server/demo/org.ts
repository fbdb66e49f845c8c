import type { Role, UnitType } from '../../shared/roles';

/** The demo county's org tree: 示例县 with its office, departments and townships. */
export interface DemoUnit {
  code: string;
  name: string;
  shortName?: string;
  type: UnitType;
  children?: DemoUnit[];
  /** username prefix for the unit's liaison (<prefix>_lly) and head (<prefix>_fzr) */
  accounts?: string;
}

export const demoTree: DemoUnit = {
  code: 'SLX',
  name: '示例县',
  type: 'other',
  children: [
    {
      code: 'XWB',
      name: '县委办公室',
      shortName: '县委办',
      type: 'office',
      children: [
        { code: 'XWB-DCS', name: '督查室', type: 'office' },
        { code: 'XWB-XXK', name: '信息科', type: 'office' },
        { code: 'XWB-MSK', name: '秘书科', type: 'office' },
        { code: 'XWB-ZBS', name: '值班室', type: 'office' },
      ],
    },
    { code: 'ZZB', name: '县委组织部', shortName: '组织部', type: 'department', accounts: 'zzb' },
    { code: 'JW', name: '县纪委监委', shortName: '纪委监委', type: 'department', accounts: 'jw' },
    { code: 'XCB', name: '县委宣传部', shortName: '宣传部', type: 'department', accounts: 'xcb' },
    { code: 'ZFW', name: '县委政法委', shortName: '政法委', type: 'department', accounts: 'zfw' },
    { code: 'NB', name: '县委农办', shortName: '农办', type: 'department', accounts: 'nb' },
    { code: 'FGW', name: '县发改委', shortName: '发改委', type: 'department', accounts: 'fgw' },
    { code: 'JYJ', name: '县教育局', shortName: '教育局', type: 'department', accounts: 'jyj' },
    { code: 'STHJJ', name: '县生态环境局', shortName: '生态环境局', type: 'department', accounts: 'sthjj' },
    { code: 'NYNCJ', name: '县农业农村局', shortName: '农业农村局', type: 'department', accounts: 'nyncj' },
    { code: 'QXJ', name: '县气象局', shortName: '气象局', type: 'department', accounts: 'qxj' },
    { code: 'TJJ', name: '县统计局', shortName: '统计局', type: 'department', accounts: 'tjj' },
    { code: 'WLJ', name: '县文旅局', shortName: '文旅局', type: 'department', accounts: 'wlj' },
    { code: 'HZX', name: '黄庄乡', type: 'township', accounts: 'huangzhuang' },
    { code: 'ZFZ', name: '纸房镇', type: 'township', accounts: 'zhifang' },
    { code: 'DTZ', name: '德亭镇', type: 'township', accounts: 'deting' },
    { code: 'CCZ', name: '车村镇', type: 'township', accounts: 'checun' },
    { code: 'HCX', name: '何村乡', type: 'township', accounts: 'hecun' },
  ],
};

/** Office accounts with fixed usernames (README lists them). */
export const demoOfficeAccounts: { username: string; name: string; unitCode: string; roles: Role[] }[] = [
  { username: 'shuji', name: '王建国', unitCode: 'SLX', roles: ['leader'] },
  { username: 'mishuzhang', name: '李文博', unitCode: 'XWB', roles: ['leader'] },
  { username: 'ducha', name: '张督查', unitCode: 'XWB-DCS', roles: ['supervisor'] },
  { username: 'xinxi', name: '赵信息', unitCode: 'XWB-XXK', roles: ['staff'] },
  { username: 'mishu', name: '陈秘书', unitCode: 'XWB-MSK', roles: ['staff'] },
  { username: 'sysadmin', name: '系统管理员', unitCode: 'XWB', roles: ['sysadmin'] },
  { username: 'secadmin', name: '安全保密管理员', unitCode: 'XWB', roles: ['secadmin'] },
  { username: 'auditor', name: '安全审计员', unitCode: 'XWB', roles: ['auditor'] },
];

const surnames = '刘杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given = ['志强', '秀英', '海燕', '建华', '丽娟', '国平', '晓明', '春梅', '卫东', '桂兰', '红霞', '永刚', '玉兰', '振华', '淑芬', '德明', '雪梅', '俊杰', '翠萍', '立新'];

/** Deterministic Chinese names for the unit accounts, so the demo looks the same on every start. */
export function demoPersonName(i: number): string {
  return `${surnames[(i * 7) % surnames.length]}${given[(i * 3) % given.length]}`;
}
