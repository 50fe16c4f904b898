/** Thrown only for broken invariants (programmer errors), never for user input. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

export function strictAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/** Use in the default branch of an exhaustive switch: the compiler proves it unreachable. */
export function missingCaseError(value: never): InvariantError {
  return new InvariantError(`Unhandled case: ${String(value)}`);
}
