/** The few log calls services make; tests pass a recorder, production passes console. */
export type Logger = {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
};

export const consoleLogger: Logger = {
  info: (message, details) => console.info(`[box-office] ${message}`, details ?? ''),
  warn: (message, details) => console.warn(`[box-office] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[box-office] ${message}`, details ?? ''),
};

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
