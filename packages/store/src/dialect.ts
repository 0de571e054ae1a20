/** Which database a store runs on. */
export type DialectKind = 'sqlite' | 'postgres';
