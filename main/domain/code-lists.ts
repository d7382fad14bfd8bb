/**
 * The closed code lists of the bureau's template (sheets 2 and 3). Values are stored exactly as
 * the template writes them: they are the bureau's vocabulary, and the UI translates for display.
 */

export const LEVELS_43697 = ['核心数据', '重要数据', '一般数据4级', '一般数据3级', '一般数据2级', '一般数据1级'] as const;
export type Level = (typeof LEVELS_43697)[number];

export const PROCESSING_DEGREES = ['原始数据', '衍生数据', '统计数据', '脱敏数据'] as const;
export const IMPACT_OBJECTS = ['国家安全', '经济运行', '社会秩序', '公共利益', '组织权益', '个人权益'] as const;
export type ImpactObject = (typeof IMPACT_OBJECTS)[number];
export const IMPACT_DEGREES = ['特别严重危害', '严重危害', '一般危害', '无危害'] as const;
export type ImpactDegree = (typeof IMPACT_DEGREES)[number];
export const YES_NO = ['是', '否'] as const;
export const DATA_SOURCES = ['本单位采集', '其他部门共享', '上级下发', '社会采购', '公开获取', '其他'] as const;
export const STORAGE_LOCATIONS = ['本单位机房', '政务云', '第三方机房', '境外'] as const;
export const SHARING_ATTRIBUTES = ['无条件共享', '有条件共享', '不予共享'] as const;
export const OPENNESS_ATTRIBUTES = ['无条件开放', '有条件开放', '不予开放'] as const;
export const UPDATE_FREQUENCIES = ['实时', '每日', '每周', '每月', '每季度', '每年', '不定期', '不更新'] as const;

// Sheet 3
export const CATALOG_LEVELS = ['重要数据', '核心数据'] as const;
export const CARRIER_KINDS = ['数据库', '文件', '纸质', '其他'] as const;
export const PROCESSING_METHODS = ['收集', '存储', '使用', '加工', '传输', '提供', '公开', '删除'] as const;
export const SECURITY_MEASURES = ['加密存储', '加密传输', '访问控制', '身份鉴别', '安全审计', '数据备份', '数据脱敏', '数据标识', '数据水印'] as const;
export const MLPS_LEVELS = ['第一级', '第二级', '第三级', '第四级', '未定级'] as const;

/** Multi-value cells are joined with the ideographic enumeration comma. */
export const MULTI_SEPARATOR = '、';

export function splitMulti(cell: string): string[] {
  return cell
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinMulti(values: readonly string[]): string {
  return values.join(MULTI_SEPARATOR);
}

export function isIn<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}
