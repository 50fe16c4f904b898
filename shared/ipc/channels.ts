/** Electron IPC channel names; main and preload both import these so they cannot drift. */
export const invokeChannel = 'box-office:invoke';
export const eventChannel = 'box-office:event';
