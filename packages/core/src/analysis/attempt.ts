import { MetasiftError, type Diagnostic } from '../errors.js';

/** f's result, or undefined with a warning naming what was not computed when f fails on these data. */
export function attempt<T>(warnings: Diagnostic[], what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof MetasiftError)) throw e;
    warnings.push({ code: e.code, message: `${what} not computed: ${e.message}` });
    return undefined;
  }
}
