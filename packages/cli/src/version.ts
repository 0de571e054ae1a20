/** The version `metasift --version` prints and generated files name. */
export const VERSION = '0.1.0';
