/** UI text of the directives area: Vietnamese first, English with the same keys. */
export const vi = {} as const;
export const en: Record<keyof typeof vi, string> = {};
