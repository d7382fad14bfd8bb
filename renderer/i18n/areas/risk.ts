/** Interface text of the risk area: Chinese (source) and English, same keys (TypeScript checks). */
export const zh = {} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {};
