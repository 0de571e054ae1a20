/** For tests: dat.bcg's 2×2 tables (shared/reference/metafor/bcg.csv), the BCG vaccine trials metafor's examples use. */
export const BCG_TABLES = {
  ai: [4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27],
  bi: [119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886],
  ci: [11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29],
  di: [128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825],
};
