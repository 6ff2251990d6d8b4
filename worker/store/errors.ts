// Errors the stores raise for data that is missing, malformed or in conflict. The HTTP layer maps
// them to 404 / 400 / 409; the stores themselves know nothing about HTTP.
import type { Problem } from './problem';

export type StoreErrorCode = 'not_found' | 'invalid' | 'conflict';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly issues?: Problem[];
  constructor(code: StoreErrorCode, message: string, issues?: Problem[]) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.issues = issues;
  }
}
