/** For tests: the message and field of the MetasiftError `f` throws (any other error, or none, fails the test). */
import { isMetasiftError } from '../errors.js';

export function errorOf(f: () => unknown): { message: string; field?: string } {
  try {
    f();
  } catch (e) {
    if (isMetasiftError(e)) return { message: e.message, ...(e.field !== undefined && { field: e.field }) };
    throw e;
  }
  throw new Error('no error');
}
