import { z } from 'zod';
import { defineMethods, method } from './define';

/**
 * What main found wrong at start without stopping: a damaged file is moved to
 * `<data>/quarantine/` and named here, so a screen can tell the manager what was set aside.
 */
export const quarantinedFileSchema = z.object({
  /** the file's name where main read it, relative to the data folder */
  file: z.string(),
  /** where it now lies, relative to the data folder */
  movedTo: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type QuarantinedFile = z.infer<typeof quarantinedFileSchema>;

export const healthMethods = defineMethods({
  'health.get': method(
    z.strictObject({}),
    z.object({ quarantined: z.array(quarantinedFileSchema) }),
  ),
});
