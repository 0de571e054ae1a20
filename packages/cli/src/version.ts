/** The version `metasift --version` prints and generated files name (the core's). */
export { METASIFT_VERSION as VERSION } from '@metasift/core';
