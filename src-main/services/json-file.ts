import { open, rename, writeFile } from 'node:fs/promises';

/** Write-then-rename with an fsync, so a crash leaves either the old or the new file, never half. */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options: { readonly mode?: number } = {},
): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  // `mode` (e.g. 0o600 for a secret) applies when the temp file is created, so the secret is
  // never readable by others, not even between the write and a chmod.
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, {
    encoding: 'utf8',
    ...(options.mode === undefined ? {} : { mode: options.mode }),
  });
  const handle = await open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}
