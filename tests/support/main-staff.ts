import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import { createDispatch } from '../../src-main/services/dispatch';
import type { Handlers } from '../../src-main/services/handlers';
import { silentLogger } from '../../src-main/services/logger';
import { createQuarantine } from '../../src-main/services/quarantine';
import { createStaffService, type StaffService } from '../../src-main/staff/staff-service';
import { staffAuthority, type StaffAuthority } from '../../src-renderer/app/staff-authority';

/** Cheap scrypt for tests (the real cost is DEFAULT_SCRYPT); the format and checks are the same. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export interface MainStaff {
  readonly dataDir: string;
  readonly service: StaffService;
  /** A contract client over main's real dispatch (request and reply schemas checked). */
  readonly client: ContractClient;
  /** What a till is opened with: the page's port to main's staff methods. */
  readonly authority: StaffAuthority;
  close(): Promise<void>;
}

/**
 * Main's staff service as a demo till launches it (the demo staff provisioned into a fresh
 * data folder), reached through the same dispatch the bridge and Electron use. Unit tests of
 * the till open it with `staff: main.authority`, so sign-in and approvals go through main.
 */
export async function startMainStaff(
  options: { readonly monotonic?: () => number; readonly dataDir?: string } = {},
): Promise<MainStaff> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'box-staff-')));
  const service = await createStaffService({
    dataDir,
    logger: silentLogger,
    quarantine: createQuarantine(dataDir, silentLogger),
    demo: true,
    hashParams: TEST_SCRYPT,
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
  });
  const dispatch = createDispatch(service.handlers as unknown as Handlers, silentLogger);
  const client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => dispatch(method, args, { transport: 'bridge', caller: 'test' }),
    on: () => () => undefined,
  });
  return {
    dataDir,
    service,
    client,
    authority: staffAuthority(client),
    async close() {
      await service.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
