import type { MatterSource } from '../../shared/supervision';

/** Topics a county office really supervises; the demo combines them with each source's usual wording. */
export const demoTopics = [
  '校园周边交通安全专项整治',
  '农村人居环境整治提升',
  '秸秆禁烧和综合利用',
  '汛前防汛物资储备检查',
  '高标准农田建设任务推进',
  '优化营商环境“一网通办”',
  '乡村振兴示范村建设',
  '安全生产隐患大排查',
  '河湖长制巡河问题整改',
  '义务教育学位扩容',
  '中央生态环境保护督察反馈问题整改',
  '重点文旅项目招商引资',
  '统计数据质量核查',
  '为基层减负专项整治',
  '信访积案化解攻坚',
  '气象灾害预警响应机制建设',
  '村级集体经济增收',
  '农产品质量安全监管',
  '城乡供水一体化工程',
  '老旧小区改造',
  '森林防火网格化管理',
  '农村危房改造“回头看”',
  '县域医共体建设',
  '返乡创业园区建设',
];

export const demoTitle = (source: MatterSource, topic: string): string =>
  ({
    instruction: `王建国书记批示：关于${topic}的落实`,
    meeting_decision: `县委常委会议定事项：${topic}`,
    directive: `市委办交办：${topic}`,
    inspection: `督查发现问题整改：${topic}`,
    public_request: `群众反映问题办理：${topic}`,
    research: `调研成果转化：${topic}`,
    other: topic,
  })[source];

export const demoRequirement = (topic: string): string =>
  `请牵头单位围绕“${topic}”制定具体工作方案，明确责任人和时间节点，按期报送办理结果；` +
  '办理中遇到困难及时报告，不能按期完成的须在期限届满前说明理由并申请延期。';
