/** Interface text of the excel area: Chinese (source) and English, same keys (TypeScript checks). */
export const zh = {
  'nav.excel': 'Excel 导入导出',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'nav.excel': 'Excel import & export',
};
