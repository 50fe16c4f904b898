import { err, ok } from '../../shared/util/result';
import { zCopyDocument, zCopyJobId } from '../sync/z-copies';
import type { CallContext } from './handlers';
import type { AppInfo } from '../../shared/ipc/contract';
import { openConfigStore, type ConfigStore } from './config-store';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventHub, type EventHub } from './event-hub';
import type { Handlers } from './handlers';
import { enrolAtStart, type SyncLaunchOptions } from '../sync/enrol-at-start';
import { createSyncAgent, type SyncAgent } from '../sync/sync-agent';
import { openHeadSignatureOutbox } from '../sync/head-signature-outbox';
import { consoleLogger, type Logger } from './logger';
import { createJournalAnchor, type JournalAnchor } from './journal-anchor';
import { createQuarantine } from './quarantine';
import { loadTerminalKey } from './terminal-identity';
import { osDeviceCatalog, type DeviceCatalog } from '../devices/device-catalog';
import { managerApproval, managerDeviceApproval } from '../devices/printer-device-gate';
import { scannerSettingsBinding } from '../../shared/commands/approval';
import { createPrinterService } from '../devices/printer-service';
import { createScannerService, scannerConfigFromTerminal } from '../devices/scanner-service';
import { isRedeemedApproval } from '../staff/approval-tokens';
import { createStaffService, type StaffService } from '../staff/staff-service';
import { openSignInProofs, type SignInProofs } from '../staff/sign-in-proofs';
import { createPaymentService, type PaymentService } from '../payment/payment-service';
import { createTerminalClient } from '../payment/terminal-client';
import type { PaymentTerminalAddress } from '../payment/terminal-address';
import { openKioskMode, type KioskModeKeeper } from '../kiosk/kiosk-mode';

export type ServicesOptions = {
  readonly dataDir: string;
  /** what app.info reports; the transport is fixed by whoever hosts the services */
  readonly app: AppInfo;
  readonly logger?: Logger;
  readonly events?: EventHub;
  readonly config?: ConfigStore;
  /** the serial ports and USB printers main may print to; the OS's by default */
  readonly devices?: DeviceCatalog;
  /** days printed jobs are kept (the venue's retention setting); 30 by default */
  readonly printedJobRetentionDays?: number;
  /** Main's monotonic clock (PIN lockouts, approval tokens); performance.now by default. */
  readonly monotonic?: () => number;
  /** Cheaper PIN hashing, for tests only. */
  readonly pinHashParams?: { N: number; r: number; p: number };
  /** The central server and, for a till not yet enrolled, a manager's one-time code. */
  readonly sync?: SyncLaunchOptions;
  /** The card terminal (a launch option of main, never the page's) and its timings. */
  readonly payment?: PaymentLaunchOptions;
};

export type PaymentLaunchOptions = {
  readonly terminal?: PaymentTerminalAddress;
  /** the customer's time at the terminal; 120 s by default (tests shorten it) */
  readonly windowMs?: number;
  readonly graceMs?: number;
  readonly requestMs?: number;
  readonly checkEveryMs?: number;
};

export type Services = {
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly config: ConfigStore;
  /** Staff, PIN checks and approval tokens (the journal report checks approvals with it). */
  readonly staff: StaffService;
  /** main's anchor of the journal (head file, drawer gate); in-process callers only */
  readonly anchor: JournalAnchor;
  /** Enrolment, token and server requests (the page's sync client calls through it). */
  readonly sync: SyncAgent;
  /** The card terminal port (payment.* handlers; tests run its background check). */
  readonly payment: PaymentService;
  /** Kiosk mode, main's (the Electron window follows its `kiosk.mode` events). */
  readonly kiosk: KioskModeKeeper;
  /** Main's proofs of the PIN checks a person's journalled login stands on. */
  readonly signIns: SignInProofs;
  close(): Promise<void>;
};

/** Calls main makes of its own services (a Z copy to print): logged as main's, not a page's. */
const MAIN_CALLER: CallContext = { transport: 'bridge', caller: 'main: Z copy from the server' };

/** Builds the main-side services once; both the Electron shell and the bridge host them. */
export async function createServices(opts: ServicesOptions): Promise<Services> {
  const logger = opts.logger ?? consoleLogger;
  const events = opts.events ?? createEventHub(logger);
  const quarantine = createQuarantine(opts.dataDir, logger);
  // Before the config: enrolment may give the till the terminal id the server assigned.
  const enrolled = await enrolAtStart(opts.dataDir, logger, opts.sync);
  const config = opts.config ?? (await openConfigStore(opts.dataDir, logger, { quarantine }));
  const staff = await createStaffService({
    dataDir: opts.dataDir,
    logger,
    quarantine,
    demo: opts.app.demo === true,
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
    ...(opts.pinHashParams ? { hashParams: opts.pinHashParams } : {}),
  });
  // Main owns kiosk mode: the launch flag or the back office's switch, left by a manager's PIN.
  const kiosk = await openKioskMode({
    dataDir: opts.dataDir,
    launchKiosk: opts.app.kiosk,
    terminalId: () => config.get().terminalId,
    staff: staff.directory,
    events,
    logger,
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
  });
  // A person's journalled login stands only against a PIN check main made for it (below).
  const signIns = await openSignInProofs({
    dataDir: opts.dataDir,
    logger,
    quarantine,
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
  });
  let signingKey: Promise<Uint8Array> | null = null;
  const headSignatures = await openHeadSignatureOutbox(opts.dataDir, logger);
  const anchor = await createJournalAnchor({
    dataDir: opts.dataDir,
    terminalId: config.get().terminalId,
    logger,
    quarantine,
    demo: opts.app.demo === true,
    signingKey: () => (signingKey ??= loadTerminalKey(opts.dataDir, logger)),
    // Each Z's signed head goes to the server through the sync agent (created below).
    onSigned: (signed) => sync.headSigned(signed),
    // An approval entry is accepted only if main issued and redeemed its token for exactly
    // that binding, and only one entry spends it: a page that wrote one around main, or
    // copied a genuine one (a second paid-out under one approval), is refused here.
    approvalCheck: async ({ seq, payload }) =>
      payload.tokenId !== undefined &&
      isRedeemedApproval(payload, staff.tokens.redemption(payload.tokenId)) &&
      (await staff.tokens.spend(payload.tokenId, seq)),
    // While a kiosk, a person's login stands only if main checked their PIN (kiosk.leave); in
    // any mode, a person's login spends the proof main issued at that PIN check (staff.signIn
    // or kiosk.leave), so a login a page journals around main is refused. The kiosk's own
    // identity has no PIN: its login stands on kiosk mode's rule alone.
    loginCheck: ({ payload: { staff: who } }) =>
      kiosk.acceptsLogin(who) && (who.role === 'kiosk' || signIns.take(who)),
  });
  const printer = createPrinterService({
    drawerGate: anchor,
    dataDir: opts.dataDir,
    events,
    config,
    logger,
    quarantine,
    demo: opts.app.demo === true,
    // A printer change needs a manager: main redeems the token itself (issue 8 item 1).
    approveDeviceChange: managerApproval(staff.tokens, () => config.get().terminalId),
    // The venue's period from the settings file (a test may shorten it).
    printedJobRetentionDays: opts.printedJobRetentionDays ?? config.get().printedJobRetentionDays,
    ...(opts.devices ? { devices: opts.devices } : {}),
  });
  const scanner = createScannerService({
    dataDir: opts.dataDir,
    events,
    devices: opts.devices ?? osDeviceCatalog(),
    onRefused: (path) =>
      logger.warn(`Scanner port refused: "${path}" is not a serial port this computer lists`),
    config: scannerConfigFromTerminal(config.get().scanner),
    // A scanner change needs a manager too, redeemed and logged by main like the printer's.
    approve: managerDeviceApproval(
      staff.tokens,
      () => config.get().terminalId,
      scannerSettingsBinding,
    ),
    log: (message, fields) => logger.warn(message, fields),
  });
  const sync = createSyncAgent({
    enrolment: enrolled.enrolment,
    enrolmentError: enrolled.error,
    terminalId: () => config.get().terminalId,
    anchoredSeq: () => anchor.head()?.seq ?? 0,
    staff: staff.directory,
    headSignatures,
    events,
    logger,
    onKioskSwitch: (on) => kiosk.serverSays(on),
    // A Z copy a manager sent here prints on this till's printer, for its width, once per job.
    printZCopy: async (job) => {
      const listed = await printer.handlers['printer.list']({}, MAIN_CALLER);
      const columns = listed.ok ? listed.value.printers[0]?.columns : undefined;
      if (columns === undefined) return err('not_configured', 'No printer is set up at this till.');
      return printer.handlers['printer.print'](
        { jobId: zCopyJobId(job), document: zCopyDocument(job, columns) },
        MAIN_CALLER,
      );
    },
    ...(opts.sync?.fetch ? { fetch: opts.sync.fetch } : {}),
  });
  const { terminal, ...paymentTimings } = opts.payment ?? {};
  const payment = await createPaymentService({
    dataDir: opts.dataDir,
    events,
    logger,
    quarantine,
    ...paymentTimings,
    ...(terminal ? { terminal: createTerminalClient(terminal) } : {}),
  });
  const handlers: Handlers = {
    // `kiosk` is main's mode now, not only the launch flag (the back office may switch it).
    'app.info': () => Promise.resolve(ok({ ...opts.app, kiosk: kiosk.mode().kiosk })),
    'config.get': () => Promise.resolve(ok(config.get())),
    'config.set': async (patch) => ok(await config.update(patch)),
    'health.get': () => Promise.resolve(ok({ quarantined: quarantine.list() })),
    ...printer.handlers,
    ...scanner.handlers,
    ...staff.handlers,
    // A kiosk signs nobody in to the cashier screens: a manager leaves kiosk mode first
    // (kiosk.leave, which checks their PIN here). A page script cannot sign a person in around it.
    'staff.signIn': (request, ctx) =>
      kiosk.mode().kiosk
        ? Promise.resolve(
            err(
              'forbidden',
              'This till is a self-service kiosk: a manager leaves kiosk mode before anyone signs in.',
            ),
          )
        : staff.handlers['staff.signIn'](request, ctx).then(async (r) => {
            if (r.ok) {
              kiosk.notePinChecked(r.value.id);
              await signIns.issue({ staffId: r.value.id, role: r.value.role });
            }
            return r;
          }),
    ...kiosk.handlers,
    // A manager let out of kiosk mode is signed in by the page next: the same proof.
    'kiosk.leave': (request, ctx) =>
      kiosk.handlers['kiosk.leave'](request, ctx).then(async (r) => {
        if (r.ok) await signIns.issue({ staffId: r.value.id, role: r.value.role });
        return r;
      }),
    ...anchor.handlers,
    ...sync.handlers,
    // Customer records are looked up by a cashier at a staffed window, never by whoever stands
    // at a kiosk's screen: while a kiosk, main refuses them whatever the page asks.
    ...kioskRefuses(
      sync.handlers,
      ['customers.search', 'customers.record', 'customers.consent'],
      () => kiosk.mode().kiosk,
    ),
    ...payment.handlers,
  };

  return {
    handlers,
    dispatch: createDispatch(handlers, logger),
    events,
    config,
    staff,
    anchor,
    sync,
    payment,
    kiosk,
    signIns,
    async close() {
      await Promise.allSettled([
        sync.close(),
        printer.close(),
        scanner.close(),
        staff.close(),
        payment.close(),
        anchor.settled(),
      ]);
    },
  };
}

/** `handlers`' `methods`, refused with `forbidden` while main is a kiosk. */
function kioskRefuses<H extends Record<string, (request: never, ctx: never) => Promise<unknown>>>(
  handlers: H,
  methods: readonly (keyof H & string)[],
  isKiosk: () => boolean,
): Partial<H> {
  return Object.fromEntries(
    methods.map((m) => [
      m,
      (request: never, ctx: never) =>
        isKiosk()
          ? Promise.resolve(
              err(
                'forbidden',
                'This till is a self-service kiosk: customer records are looked up at a staffed window.',
              ),
            )
          : handlers[m]!(request, ctx),
    ]),
  ) as Partial<H>;
}
