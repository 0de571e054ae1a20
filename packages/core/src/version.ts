/** metasift's version, as `metasift --version` prints it and generated files name it. */
export const METASIFT_VERSION = '0.1.0';
