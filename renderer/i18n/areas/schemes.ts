/** Interface text of the schemes area: Chinese (source) and English, same keys (TypeScript checks). */
export const zh = {
  'nav.schemes': '分类分级规则',
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'nav.schemes': 'Classification rules',
};
